import { encodeCursor } from '@threadly/database';
import { demoIds, signedInAs } from './demo-fixtures.ts';
import { hostileCase, postGraphQL, postJson, refused, type HostileCase, type Refusal } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

const SQL = [
  "' OR '1'='1",
  "1; DROP TABLE catalog.\"Product\"; --",
  "' UNION SELECT email, \"clerkId\" FROM identity.\"User\" --",
  '") OR 1=1 --',
  "%' AND pg_sleep(10) --",
  `${demoIds.activeProduct}' OR 'a'='a`,
  "'; UPDATE identity.\"User\" SET role = 'ADMIN' --",
  '$1::text',
];

type Signer = 'buyer' | 'seller' | null;

/** Where a client can put an id, a slug or a filter, and how a wrong one is refused there. */
const TARGETS: Array<{ name: string; query: string; as: Signer; expected: Refusal }> = [
  { name: 'product(id)', query: 'query ($v: ID!) { product(id: $v) { id } }', as: null, expected: refused.notFound },
  { name: 'user(id)', query: 'query ($v: ID!) { user(id: $v) { id } }', as: null, expected: refused.notFound },
  { name: 'category(slug)', query: 'query ($v: String!) { category(slug: $v) { id } }', as: null, expected: refused.notFound },
  { name: 'order(id)', query: 'query ($v: ID!) { order(id: $v) { id } }', as: 'buyer', expected: refused.notFound },
  { name: 'conversation(id)', query: 'query ($v: ID!) { conversation(id: $v) { id } }', as: 'buyer', expected: refused.notFound },
  { name: 'filter.sellerId', query: 'query ($v: ID) { products(filter: { sellerId: $v }) { edges { cursor } } }', as: null, expected: refused.badUserInput },
  { name: 'filter.categoryId', query: 'query ($v: ID) { products(filter: { categoryId: $v }) { edges { cursor } } }', as: null, expected: refused.badUserInput },
  { name: 'filter.categorySlug', query: 'query ($v: String) { products(filter: { categorySlug: $v }) { edges { cursor } } }', as: null, expected: refused.badUserInput },
  { name: 'addToCart(productId)', query: 'mutation ($v: ID!) { addToCart(productId: $v) { itemCount } }', as: 'buyer', expected: refused.badUserInput },
  { name: 'favoriteProduct(productId)', query: 'mutation ($v: ID!) { favoriteProduct(productId: $v) { id } }', as: 'buyer', expected: refused.notFound },
  { name: 'updateListing(id)', query: 'mutation ($v: ID!) { updateListing(id: $v, input: { title: "Hacked" }) { id } }', as: 'seller', expected: refused.notFound },
  { name: 'sendMessage(conversationId)', query: 'mutation ($v: ID!) { sendMessage(conversationId: $v, body: "hi") { id } }', as: 'buyer', expected: refused.notFound },
  { name: 'startConversation(productId)', query: 'mutation ($v: ID!) { startConversation(productId: $v, message: "hi") { id } }', as: 'buyer', expected: refused.notFound },
];

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const PRODUCTS_AFTER = 'query ($after: String) { products(first: 5, after: $after) { edges { cursor } } }';
const PRODUCTS = 'query ($id: ID!) { product(id: $id) { id } }';

/** SQL fragments in ids, slugs and filters; tampered cursors; prototype-pollution keys in variables and bodies. */
export function injectionCases(seed = 0x5e1ec7): HostileCase[] {
  const random = seededRandom(seed);
  const cases: HostileCase[] = [];
  for (const target of TARGETS) {
    const headers = target.as ? signedInAs(target.as) : {};
    for (const payload of new Set([random.pick(SQL), random.pick(SQL)])) {
      cases.push(hostileCase(`SQL ${JSON.stringify(payload)} in ${target.name}`, postGraphQL(target.query, { v: payload }, headers), target.expected));
    }
  }
  const realCursor = encodeCursor({ at: new Date('2025-01-01T00:00:00Z'), id: demoIds.activeProduct });
  const tampered: Array<[string, string]> = [
    ['garbage', 'not-a-cursor!!'],
    ['base64 of SQL', cursorOf(["2025-01-01T00:00:00Z' OR 1=1 --", demoIds.activeProduct])],
    ['an id that is SQL', cursorOf(['2025-01-01T00:00:00.000Z', "' OR 1=1 --"])],
    ['the earliest JavaScript date', cursorOf(['-271821-04-20T00:00:00.000Z', demoIds.activeProduct])],
    ['the latest JavaScript date', cursorOf(['+275760-09-13T00:00:00.000Z', demoIds.activeProduct])],
    ['year zero', cursorOf(['0000-01-01T00:00:00.000Z', demoIds.activeProduct])],
    ['a date as a number', cursorOf([1e20, demoIds.activeProduct])],
    ['an object instead of a list', cursorOf({ at: '2025-01-01T00:00:00.000Z', id: demoIds.activeProduct })],
    ['prototype-pollution keys', cursorOf({ __proto__: { isAdmin: true }, constructor: { prototype: { isAdmin: true } } })],
    ['a real cursor with bytes flipped', `${realCursor.slice(0, 10)}${realCursor.slice(10, 20).split('').reverse().join('')}${realCursor.slice(20)}`],
    ['a 60 kB cursor', cursorOf(['2025-01-01T00:00:00.000Z', 'a'.repeat(45_000)])],
  ];
  for (const [name, cursor] of tampered) cases.push(hostileCase(`a tampered cursor: ${name}`, postGraphQL(PRODUCTS_AFTER, { after: cursor }), refused.badUserInput));
  cases.push(hostileCase('a tampered cursor in the buyer’s orders', postGraphQL('query ($b: String) { myOrders(last: 2, before: $b) { edges { cursor } } }', { b: cursorOf(['1970-01-01T00:00:00Z', "' OR 1=1"]) }, signedInAs('buyer')), refused.badUserInput));
  cases.push(...pollutionCases(), ...urlCases());
  return cases;
}

/** Prototype pollution must neither satisfy a required variable nor reach any object the gateway or a subgraph uses. */
function pollutionCases(): HostileCase[] {
  const raw = (body: string, expected: Refusal) => ({ body, expected });
  const bodies: Array<[string, { body: string; expected: Refusal }]> = [
    ['a required variable offered through __proto__', raw(`{"query":${JSON.stringify(PRODUCTS)},"variables":{"__proto__":{"id":"${demoIds.activeProduct}"}}}`, refused.variables)],
    ['a required variable offered through constructor.prototype', raw(`{"query":${JSON.stringify(PRODUCTS)},"variables":{"constructor":{"prototype":{"id":"${demoIds.activeProduct}"}}}}`, refused.variables)],
    ['the query offered through __proto__', raw('{"__proto__":{"query":"{ categories { id } }"}}', refused.badRequest)],
    ['__proto__ as an input object field', raw(`{"query":"query ($f: ProductFilter) { products(filter: $f) { edges { cursor } } }","variables":{"f":{"__proto__":{"sellerId":"${demoIds.seller}"}}}}`, refused.variables)],
    ['constructor as an input object field', raw('{"query":"query ($f: ProductFilter) { products(filter: $f) { edges { cursor } } }","variables":{"f":{"constructor":{"name":"x"}}}}', refused.variables)],
    ['__proto__ as an operation name', raw('{"query":"query __proto__ { categories { id } } query constructor { me { id } }"}', refused.operation)],
    ['a __proto__ role in a profile update', raw('{"query":"mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }","variables":{"i":{"__proto__":{"role":"ADMIN"}}}}', refused.variables)],
  ];
  return bodies.map(([name, { body, expected }]) => hostileCase(name, postJson(body, name.includes('profile') ? signedInAs('buyer') : {}), expected));
}

/** URLs that are not what they claim, where the schema takes a URL. */
function urlCases(): HostileCase[] {
  const seller = signedInAs('seller');
  const buyer = signedInAs('buyer');
  const image = (url: string) => postGraphQL('mutation ($id: ID!, $url: String!) { updateListing(id: $id, input: { images: [{ url: $url, alt: "photo" }] }) { id } }', { id: demoIds.activeProduct, url }, seller);
  return [
    hostileCase('a javascript: image URL', image('javascript:alert(document.cookie)'), refused.badUserInput),
    hostileCase('a file: image URL', image('file:///etc/passwd'), refused.badUserInput),
    hostileCase('a plain-http image URL', image('http://169.254.169.254/latest/meta-data/'), refused.badUserInput),
    hostileCase('a data: avatar URL', postGraphQL('mutation { updateProfile(input: { imageUrl: "data:text/html,<script>alert(1)</script>" }) { id } }', undefined, buyer), refused.badUserInput),
  ];
}
