import { demoIds, signedInAs } from './demo-fixtures.ts';
import { getGraphQL, hostileCase, postGraphQL, postJson, refused, type HostileCase } from './hostile-case.ts';

/** Byte sequences no UTF-8 decoder may accept. */
const INVALID_UTF8: Array<[string, number[]]> = [
  ['a lone 0xFF byte', [0xff]],
  ['a lone continuation byte', [0x80]],
  ['an overlong NUL (C0 80)', [0xc0, 0x80]],
  ['an overlong slash (E0 80 AF)', [0xe0, 0x80, 0xaf]],
  ['a UTF-8-encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80]],
  ['a code point above U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
  ['a truncated 3-byte sequence', [0xe2, 0x82]],
  ['a 5-byte sequence (F8 88 80 80 80)', [0xf8, 0x88, 0x80, 0x80, 0x80]],
];

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

/** Invalid UTF-8, BOMs, NUL bytes, lone surrogates and control characters, in the body and in GraphQL strings. */
export function encodingCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [name, sequence] of INVALID_UTF8) {
    // A harmless query, so only the broken bytes can be the reason for refusing it.
    cases.push(hostileCase(`${name} in a variable value`, postJson(bytes('{"query":"{ categories { id } }","variables":{"note":"', sequence, '"}}')), refused.badRequest));
  }
  cases.push(
    hostileCase('invalid UTF-8 inside a string literal of the query', postJson(bytes('{"query":"{ category(slug: \\"', [0xc3, 0x28], '\\") { id } }"}')), refused.badRequest),
    hostileCase('invalid UTF-8 in a JSON key', postJson(bytes('{"query":"{ categories { id } }","', [0xfe], '":1}')), refused.badRequest),
    hostileCase('invalid UTF-8 in a mutation input', postJson(bytes('{"query":"mutation ($b: String) { updateProfile(input: { bio: $b }) { id } }","variables":{"b":"', [0xed, 0xb0, 0x80], '"}}'), signedInAs('buyer')), refused.badRequest),
    hostileCase('a UTF-8 byte order mark before the JSON', postJson(bytes([0xef, 0xbb, 0xbf], '{"query":"{ categories { id } }"}')), refused.badRequest),
    hostileCase('a UTF-16LE body with its byte order mark', postJson(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"query":"{ categories { id } }"}', 'utf16le')])), refused.badRequest),
    hostileCase('a UTF-16BE body without a byte order mark', postJson(Buffer.from('{"query":"{ categories { id } }"}', 'utf16le').swap16()), refused.badRequest),
    hostileCase('a raw NUL byte between JSON tokens', postJson(bytes('{"query":', [0], '"{ categories { id } }"}')), refused.badRequest),
    hostileCase('a raw NUL byte inside a JSON string', postJson(bytes('{"query":"{ categories', [0], ' { id } }"}')), refused.badRequest),
    hostileCase('a raw newline inside a JSON string', postJson('{"query":"{ categories\n{ id } }","variables":{"a":"x\u0001"}}'), refused.badRequest),
    hostileCase('an escaped NUL in the query', postGraphQL('{ categories\u0000 { id } }'), refused.parse),
    hostileCase('a NUL in a GraphQL string literal', postGraphQL('{ category(slug: "women\u0000") { id } }'), refused.text),
    hostileCase('a GraphQL \\u0000 escape in a string literal', postGraphQL('{ category(slug: "women\\u0000") { id } }'), refused.text),
    hostileCase('a NUL in a category slug variable', postGraphQL('query ($s: String!) { category(slug: $s) { id } }', { s: 'women\u0000dresses' }), refused.text),
    hostileCase('a NUL in a brand filter', postGraphQL('query ($b: String) { products(filter: { brand: $b }) { edges { cursor } } }', { b: 'Levi\u0000s' }), refused.text),
    hostileCase('a NUL in a product id', postGraphQL('query ($id: ID!) { product(id: $id) { id } }', { id: `${demoIds.activeProduct}\u0000` }), refused.text),
    hostileCase('a NUL in a profile bio', postGraphQL('mutation ($b: String) { updateProfile(input: { bio: $b }) { id } }', { b: 'hello\u0000world' }, signedInAs('buyer')), refused.text),
    hostileCase('a NUL in a message', postGraphQL('mutation ($c: ID!, $b: String!) { sendMessage(conversationId: $c, body: $b) { id } }', { c: demoIds.buyersConversation, b: '\u0000' }, signedInAs('buyer')), refused.text),
    hostileCase('a lone high surrogate in a GraphQL string literal', postJson('{"query":"{ category(slug: \\"\\\\uD800\\") { id } }"}'), refused.parse),
    hostileCase('a lone low surrogate escaped in a variable', postJson(`{"query":${JSON.stringify('query ($s: String!) { category(slug: $s) { id } }')},"variables":{"s":"\\uDC00women"}}`), refused.text),
    hostileCase('a lone surrogate in a profile bio', postJson(`{"query":${JSON.stringify('mutation ($b: String) { updateProfile(input: { bio: $b }) { id } }')},"variables":{"b":"hi \\uD83D there"}}`, signedInAs('buyer')), refused.text),
    hostileCase('a lone surrogate in a JSON key', postJson('{"query":"{ categories { id } }","variables":{"\\uDFFF":1}}'), refused.text),
    hostileCase('reversed surrogate pair in a message', postJson(`{"query":${JSON.stringify('mutation ($c: ID!, $b: String!) { sendMessage(conversationId: $c, body: $b) { id } }')},"variables":{"c":"${demoIds.buyersConversation}","b":"\\uDE00\\uD83D"}}`, signedInAs('buyer')), refused.text),
    hostileCase('a bidi override as a whole display name', postGraphQL('mutation ($n: String) { updateProfile(input: { displayName: $n }) { id } }', { n: '\u202e\u2066\u200b' }, signedInAs('buyer')), refused.badUserInput),
    hostileCase('invalid percent-encoded UTF-8 in a GET', { ...getGraphQL({}), path: `/graphql?query=${encodeURIComponent('{ categories { id } }')}&variables=%7B%22a%22%3A%22%FF%FE%22%7D` }, refused.badRequest),
    hostileCase('a lone surrogate in a GET variable', getGraphQL({ query: 'query ($s: String!) { category(slug: $s) { id } }', variables: '{"s":"\\uD800"}' }), refused.text),
    hostileCase('control characters in the query outside strings', postGraphQL('{ categories \u0007\u001b { id } }'), refused.parse),
    hostileCase('a body declared UTF-16 but sent as Latin-1', postJson(Buffer.from('{"query":"{ category(slug: \\"caf\u00e9\\") { id } }"}', 'latin1'), { 'content-type': 'application/json; charset=utf-16' }), refused.badRequest),
  );
  return cases;
}
