import { MAX_BODY_BYTES } from './bodies.ts';
import { demoIds, signedInAs } from './demo-fixtures.ts';
import { getGraphQL, hostileCase, postJson, refused, type HostileCase, type HostileRequest } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

const OPERATIONS = [
  { query: '{ categories { id } }' },
  { query: 'query ($first: Int) { products(first: $first) { edges { cursor } } }', variables: { first: 100 } },
  { query: '{ me { id } }' },
  { query: `mutation { favoriteProduct(productId: "${demoIds.activeProduct}") { id } }` },
];

const MUTATION = `mutation { addToCart(productId: "${demoIds.activeProduct}") { itemCount } }`;

/** What a cross-site form or <img> can send without a CORS preflight. */
const simple = (contentType: string, body: string, headers: Record<string, string> = {}): HostileRequest => ({
  method: 'POST',
  headers: { 'content-type': contentType, origin: 'https://evil.example', ...headers },
  body,
});

/** Batched arrays, mutations over GET, wrong methods and content types, and CSRF-style simple requests. */
export function batchingCases(seed = 0xba7c4): HostileCase[] {
  const random = seededRandom(seed);
  const batch = (size: number) => Array.from({ length: size }, () => random.pick(OPERATIONS));
  const buyer = signedInAs('buyer');
  return [
    ...[2, 3, 10, random.int(11, 99), 100, 1000].map((size) => {
      const request = postJson(batch(size));
      return hostileCase(`a batch of ${size} operations`, request, request.body.length > MAX_BODY_BYTES ? refused.tooLarge : refused.badRequest);
    }),
    hostileCase('a batch of 1000 tiny operations', postJson(Array.from({ length: 1000 }, () => ({ query: '{__typename}' }))), refused.badRequest),
    hostileCase('a batch of 50 mutations, signed in', postJson(Array.from({ length: 50 }, () => ({ query: MUTATION })), buyer), refused.badRequest),
    hostileCase('an empty batch', postJson([]), refused.badRequest),
    hostileCase('a batch of numbers', postJson([1, 2, 3]), refused.badRequest),
    hostileCase('a batch of nulls', postJson([null, null]), refused.badRequest),
    hostileCase('a batch nested in a batch', postJson([[OPERATIONS[0]], [OPERATIONS[0]]]), refused.badRequest),
    hostileCase('a mutation over GET', getGraphQL({ query: MUTATION }, { 'apollo-require-preflight': 'true', ...buyer }), { status: 405, code: 'BAD_REQUEST' }),
    hostileCase('a mutation chosen by operationName over GET', getGraphQL({ query: `query Q { categories { id } } ${MUTATION.replace('mutation', 'mutation M')}`, operationName: 'M' }), { status: 405, code: 'BAD_REQUEST' }),
    hostileCase('a GET without a preflight-triggering header (CSRF)', getGraphQL({ query: '{ me { email } }' }, { origin: 'https://evil.example', ...buyer }), refused.badRequest),
    hostileCase('a GET with variables that are not JSON', getGraphQL({ query: 'query ($f: Int) { products(first: $f) { edges { cursor } } }', variables: '{first:' }), refused.badRequest),
    hostileCase('a GET with extensions that are not JSON', getGraphQL({ query: '{ categories { id } }', extensions: 'nope' }), refused.badRequest),
    hostileCase('a GET with no query', getGraphQL({ variables: '{}' }), refused.badRequest),
    hostileCase('a GET with the query given twice', { ...getGraphQL({}), path: '/graphql?query=%7B%20categories%20%7B%20id%20%7D%20%7D&query=%7B%20me%20%7B%20id%20%7D%20%7D' }, refused.badRequest),
    hostileCase('a cross-site text/plain POST of a mutation (CSRF)', simple('text/plain', JSON.stringify({ query: MUTATION }), buyer), refused.badRequest),
    hostileCase('a cross-site form POST (CSRF)', simple('application/x-www-form-urlencoded', `query=${encodeURIComponent(MUTATION)}`, buyer), refused.badRequest),
    hostileCase('a cross-site multipart POST (CSRF)', simple('multipart/form-data; boundary=b', `--b\r\nContent-Disposition: form-data; name="query"\r\n\r\n${MUTATION}\r\n--b--`, buyer), refused.badRequest),
    hostileCase('a POST without a Content-Type', { method: 'POST', headers: {}, body: JSON.stringify({ query: MUTATION }) }, refused.badRequest),
    hostileCase('a POST of application/graphql', { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ categories { id } }' }, refused.badRequest),
    hostileCase('a POST of application/xml', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query>{ categories { id } }</query>' }, refused.badRequest),
    hostileCase('a JSON body labelled text/html', { method: 'POST', headers: { 'content-type': 'text/html', 'apollo-require-preflight': 'true' }, body: JSON.stringify(OPERATIONS[0]) }, refused.badRequest),
    ...['PUT', 'DELETE', 'PATCH', 'TRACE'].map((method) => hostileCase(`${method} /graphql`, { ...postJson(OPERATIONS[0]), method }, { status: 405, code: 'BAD_REQUEST' })),
    hostileCase('a POST to an internal identity route at the gateway', { ...postJson({ clerkId: 'user_1' }), path: '/internal/users/resolve' }, { status: 404, code: 'NOT_FOUND' }),
    hostileCase('a POST to /graphql/ (trailing slash)', { ...postJson(OPERATIONS[0]), path: '/graphql/' }, { status: 404, code: 'NOT_FOUND' }),
    hostileCase('a path traversal', { ...postJson(OPERATIONS[0]), path: '/graphql/../../etc/passwd' }, { status: 404, code: 'NOT_FOUND' }),
    hostileCase('a POST to /health', { ...postJson(OPERATIONS[0]), path: '/health' }, { status: 405, code: 'BAD_REQUEST' }),
  ];
}
