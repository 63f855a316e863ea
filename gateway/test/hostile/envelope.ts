import { hostileCase, postJson, refused, type HostileCase, type Refusal } from './hostile-case.ts';

const QUERY = '{ categories { id } }';

/**
 * Broken JSON and broken GraphQL-over-HTTP envelopes: bodies that are not JSON, JSON that is not an object,
 * `query`/`variables`/`operationName`/`extensions` of the wrong kind, documents with no (or no single) operation.
 */
export function envelopeCases(): HostileCase[] {
  const invalidJson: Array<[string, string]> = [
    ['truncated JSON', `{"query":"${QUERY}`],
    ['JSON cut after a key', '{"query":'],
    ['trailing garbage after the JSON', `{"query":"${QUERY}"} GARBAGE`],
    ['two JSON documents back to back', `{"query":"${QUERY}"}{"query":"${QUERY}"}`],
    ['a JavaScript comment in the JSON', `{"query":"${QUERY}" /* hi */}`],
    ['NaN as a variable value', `{"query":"${QUERY}","variables":{"n":NaN}}`],
    ['Infinity as a variable value', `{"query":"${QUERY}","variables":{"n":Infinity}}`],
    ['single-quoted JSON', `{'query':'${QUERY}'}`],
    ['unquoted keys', `{query:"${QUERY}"}`],
    ['a trailing comma', `{"query":"${QUERY}",}`],
    ['an invalid escape', `{"query":"\\x41${QUERY}"}`],
    ['a bare word', 'undefined'],
    ['only whitespace', ' \n\t '],
  ];
  const notAnObject: Array<[string, string]> = [
    ['a JSON number', '42'],
    ['a JSON string', JSON.stringify(QUERY)],
    ['JSON null', 'null'],
    ['JSON true', 'true'],
    ['an empty JSON object', '{}'],
  ];
  const badEnvelope: Array<[string, unknown]> = [
    ['query as a number', { query: 42 }],
    ['query as an object', { query: { kind: 'Document', definitions: [] } }],
    ['query as an array of strings', { query: ['{', 'categories { id }', '}'] }],
    ['query as null', { query: null }],
    ['query as true', { query: true }],
    ['an empty query', { query: '' }],
    ['variables as a string', { query: QUERY, variables: '{"a":1}' }],
    ['variables as an array', { query: QUERY, variables: [1, 2] }],
    ['variables as a number', { query: QUERY, variables: 7 }],
    ['operationName as a number', { query: QUERY, operationName: 3 }],
    ['operationName as an object', { query: QUERY, operationName: { name: 'Q' } }],
    ['extensions as a string', { query: QUERY, extensions: 'persisted' }],
    ['extensions as an array', { query: QUERY, extensions: [1] }],
  ];
  const badDocument: Array<[string, unknown, Refusal]> = [
    ['a document of whitespace', { query: '   \n  ' }, refused.parse],
    ['a document of comments only', { query: '# nothing here\n# at all' }, refused.parse],
    ['a document with only a fragment', { query: 'fragment F on Query { categories { id } }' }, refused.validation],
    ['operationName pointing nowhere', { query: `query A ${QUERY}`, operationName: 'B' }, refused.operation],
    ['two operations without operationName', { query: `query A ${QUERY} query B ${QUERY}` }, refused.operation],
    ['two operations with the same name', { query: `query A ${QUERY} query A ${QUERY}`, operationName: 'A' }, refused.validation],
    ['an anonymous operation beside a named one', { query: `${QUERY} query B ${QUERY}`, operationName: 'B' }, refused.validation],
    ['a subscription (the graph has none)', { query: 'subscription { categories { id } }' }, refused.validation],
    ['a type definition instead of an operation', { query: 'type Query { secrets: String }' }, refused.validation],
    ['a schema extension in the document', { query: `${QUERY} extend type Query { admin: Boolean }` }, refused.validation],
    ['an unterminated selection set', { query: '{ categories { id }' }, refused.parse],
    ['an unterminated string', { query: '{ category(slug: "women) { id } }' }, refused.parse],
    ['an unknown persisted query', { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, { status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' }],
    ['a persisted query hash that is an object', { extensions: { persistedQuery: { version: 1, sha256Hash: { $ne: null } } } }, { status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' }],
    ['a persisted query extension that is a string', { query: QUERY, extensions: { persistedQuery: 'yes' } }, refused.badRequest],
    ['a persisted query hash that does not match the query', { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }, refused.badRequest],
    ['a persisted query of an unknown version', { query: QUERY, extensions: { persistedQuery: { version: 99, sha256Hash: 'c'.repeat(64) } } }, refused.badRequest],
  ];
  return [
    ...invalidJson.map(([name, body]) => hostileCase(name, postJson(body), refused.badRequest)),
    ...notAnObject.map(([name, body]) => hostileCase(`${name} as the whole body`, postJson(body), refused.badRequest)),
    ...badEnvelope.map(([name, body]) => hostileCase(name, postJson(body), refused.badRequest)),
    ...badDocument.map(([name, body, expected]) => hostileCase(name, postJson(body), expected)),
  ];
}
