import { demoIds, signedInAs } from './demo-fixtures.ts';
import { hostileCase, postGraphQL, postJson, refused, type HostileCase, type HostileRequest } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

const CATEGORY_BY_SLUG = 'query ($slug: String!) { category(slug: $slug) { id } }';
const PRODUCT_BY_ID = 'query ($id: ID!) { product(id: $id) { id } }';

const listingInput = (description: string) => ({
  title: 'Denim jacket',
  description,
  price: { amount: 2500, currency: 'EUR' },
  condition: 'GOOD',
  categoryId: demoIds.categoryId,
  images: [{ url: 'https://images.threadly.test/jacket.jpg', alt: 'The jacket' }],
});

/** A GET with a long request target: Node counts it against its header size limit. */
const longTarget = (path: string): HostileRequest => ({ method: 'GET', headers: { 'apollo-require-preflight': 'true' }, body: '', path });

/** Huge strings in every place a client can put one: variables, names, literals, headers, the URL. */
export function stringCases(seed = 0x5791): HostileCase[] {
  const random = seededRandom(seed);
  const text = (length: number) => random.string(length);
  const buyer = signedInAs('buyer');
  const seller = signedInAs('seller');
  return [
    hostileCase('a 1 MB variable value', postGraphQL(CATEGORY_BY_SLUG, { slug: text(1_000_000) }), refused.tooLarge),
    hostileCase('a 5 MB variable value', postGraphQL(CATEGORY_BY_SLUG, { slug: 'x'.repeat(5_000_000) }), refused.tooLarge),
    hostileCase('a 95 kB category slug', postGraphQL(CATEGORY_BY_SLUG, { slug: text(95_000) }), refused.badUserInput),
    hostileCase('a 90 kB product id', postGraphQL(PRODUCT_BY_ID, { id: text(90_000) }), refused.notFound),
    hostileCase('a 20 000-emoji slug (80 kB of UTF-8)', postGraphQL(CATEGORY_BY_SLUG, { slug: '🧥'.repeat(20_000) }), refused.badUserInput),
    hostileCase('30 000 emoji (120 kB of UTF-8, under the limit in characters)', postGraphQL(CATEGORY_BY_SLUG, { slug: '🧥'.repeat(30_000) }), refused.tooLarge),
    hostileCase('a slug of 15 000 \\u escapes', postJson(`{"query":${JSON.stringify(CATEGORY_BY_SLUG)},"variables":{"slug":"${'\\u0041'.repeat(15_000)}"}}`), refused.badUserInput),
    hostileCase('a 10 kB field name', postGraphQL(`{ ${text(10_000)} }`), refused.validation),
    hostileCase('a 90 kB field name', postGraphQL(`{ categories { ${text(90_000)} } }`), refused.validation),
    hostileCase('a 50 kB argument name', postGraphQL(`{ categories(${text(50_000)}: 1) { id } }`), refused.validation),
    hostileCase('a 50 kB enum value', postGraphQL(`{ myOrders(role: ${text(50_000).toUpperCase()}) { edges { cursor } } }`, undefined, buyer), refused.validation),
    hostileCase('a 50 kB unused variable name', postGraphQL(`query ($${text(50_000)}: Int) { categories { id } }`), refused.validation),
    hostileCase('a 50 kB unused fragment name', postGraphQL(`{ categories { id } } fragment ${text(50_000)} on Query { categories { id } }`), refused.validation),
    hostileCase('a 50 kB type name in a variable definition', postGraphQL(`query ($v: ${text(50_000)}) { categories { id } }`), refused.validation),
    hostileCase('a 50 kB operation name that operationName does not match', postJson({ query: `query ${text(50_000)} { categories { id } }`, operationName: 'Other' }), refused.operation),
    hostileCase('a 90 kB comment before an unknown field', postGraphQL(`# ${text(90_000)}\n{ categories { secret } }`), refused.validation),
    hostileCase('90 kB of whitespace before an unknown field', postGraphQL(`${' \t\n,'.repeat(14_000)}{ categories { secret } }`), refused.validation),
    hostileCase('a 100 kB string literal in a mutation input', postGraphQL(`mutation { updateProfile(input: { bio: "${text(100_000)}" }) { id } }`, undefined, buyer), refused.tooLarge),
    hostileCase('a 90 kB string literal as a profile bio', postGraphQL(`mutation { updateProfile(input: { bio: "${text(90_000)}" }) { id } }`, undefined, buyer), refused.badUserInput),
    hostileCase('a 90 kB block string as a message', postGraphQL(`mutation { sendMessage(conversationId: "${demoIds.buyersConversation}", body: """${text(90_000)}""") { id } }`, undefined, buyer), refused.badUserInput),
    hostileCase('a 60 kB listing description', postGraphQL('mutation ($input: CreateListingInput!) { createListing(input: $input) { id } }', { input: listingInput(text(60_000)) }, seller), refused.badUserInput),
    hostileCase('a 6 000-character title for an own listing', postGraphQL('mutation ($id: ID!, $title: String!) { updateListing(id: $id, input: { title: $title }) { id } }', { id: demoIds.activeProduct, title: text(6_000) }, seller), refused.badUserInput),
    hostileCase('a 20 kB header', { ...postGraphQL('{ categories { id } }'), headers: { 'content-type': 'application/json', 'x-padding': text(20_000) } }, { status: 431, answeredBy: 'http-parser' }),
    hostileCase('3 000 small headers', { ...postGraphQL('{ categories { id } }'), headers: Object.fromEntries([['content-type', 'application/json'], ...Array.from({ length: 3000 }, (_, i) => [`x-h${i}`, 'v'])]) }, { status: 431, answeredBy: 'http-parser' }),
    hostileCase('a 90 kB query string in a GET', longTarget(`/graphql?query=${encodeURIComponent(`{ ${text(90_000)} }`)}`), { status: 431, answeredBy: 'http-parser' }),
    hostileCase('an 8 kB path', longTarget(`/${text(8_000)}`), { status: 404, code: 'NOT_FOUND' }),
  ];
}
