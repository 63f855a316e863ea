import fc from 'fast-check';
import { signedInAs } from '../hostile/demo-fixtures.ts';
import type { HostileRequest } from '../hostile/hostile-case.ts';
import { clientOperations, type ClientOperation } from './client-operations.ts';
import { deeplyNestedDocument, mutatedDocument } from './document-mutations.ts';
import { anyVariableValue, awkwardText, deepJson, hugeString, plausibleValue, serializeBody } from './hostile-values.ts';

/** A request exactly as it goes on the wire, and which family of the fuzzer made it (for the report). */
export interface FuzzRequest extends HostileRequest {
  family: string;
}

const operations = clientOperations();
const anOperation = fc.constantFrom(...operations);

/** Who sends it: mostly anonymous or a real demo user (so real operations run), sometimes a forged credential. */
const credentials = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  { arbitrary: fc.constantFrom('buyer', 'seller').map((account) => signedInAs(account as 'buyer' | 'seller')), weight: 3 },
  { arbitrary: fc.constantFrom('Bearer ', 'Bearer x.y.z', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'A'.repeat(4_000)}`).map((authorization) => ({ authorization })), weight: 1 },
);

const plausibleVariables = (operation: ClientOperation) =>
  fc.record(Object.fromEntries(operation.variables.map(({ name, type }) => [name, plausibleValue(type)])), {
    requiredKeys: operation.variables.filter((variable) => variable.required).map((variable) => variable.name),
  });

const post = (family: string, body: unknown, headers: Record<string, string> = {}): FuzzRequest => ({
  family,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' || Buffer.isBuffer(body) ? body : serializeBody(body),
});

/** The clients' own operations with variables that fit: the paths real traffic takes, including mutations. */
const realOperation = fc.tuple(anOperation.chain((operation) => fc.tuple(fc.constant(operation), plausibleVariables(operation))), credentials).map(([[operation, variables], headers]) =>
  post('client operations', { query: operation.document, variables }, headers),
);

/** The clients' operations with tokens deleted, duplicated, swapped or inserted. */
const tokenEdits = fc.tuple(anOperation.chain((operation) => fc.tuple(mutatedDocument(operation.document), plausibleVariables(operation))), credentials).map(([[query, variables], headers]) =>
  post('token edits', { query, variables }, headers),
);

/** The clients' operations with variables of the wrong type, absurd sizes, unknown names, or no object at all. */
const wrongVariables = fc.tuple(
  anOperation.chain((operation) =>
    fc.tuple(
      fc.constant(operation),
      fc.oneof(
        fc.record(Object.fromEntries([...operation.variables.map(({ name }) => name), 'unknown'].map((name) => [name, anyVariableValue])), { requiredKeys: [] }),
        anyVariableValue,
      ),
    ),
  ),
  credentials,
).map(([[operation, variables], headers]) => post('wrong variables', { query: operation.document, variables }, headers));

/** Selections hundreds of levels deep, and variables nested thousands of levels deep. */
const deepNesting = fc.oneof(
  deeplyNestedDocument.map((query) => post('deep nesting', { query })),
  fc.tuple(anOperation, deepJson).map(([operation, value]) => post('deep nesting', { query: operation.document, variables: { nested: value, first: value } })),
);

/** Unicode where it does not belong: a BOM, invisible and control characters, raw bytes that are not UTF-8. */
const unicode = fc.oneof(
  fc.tuple(anOperation, awkwardText).map(([operation, text]) => post('unicode', { query: `# ${text}\n${operation.document}` })),
  fc.tuple(anOperation, awkwardText).map(([operation, text]) => post('unicode', { query: operation.document.replace(/\{/, `{ ${text} `) })),
  anOperation.map((operation) => post('unicode', `\ufeff${JSON.stringify({ query: operation.document })}`)),
  fc.tuple(anOperation, fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x00])).map(([operation, bytes]) => {
    const [head, tail] = JSON.stringify({ query: operation.document, variables: { text: '@' } }).split('@');
    return post('unicode', Buffer.concat([Buffer.from(head ?? ''), Buffer.from(bytes), Buffer.from(tail ?? '')]));
  }),
);

/** The JSON of a real request, broken: cut short, a character replaced, garbage around it, or not an object. */
const brokenJson = fc.oneof(
  fc.tuple(anOperation, fc.nat()).map(([operation, at]) => {
    const text = JSON.stringify({ query: operation.document });
    return post('broken JSON', text.slice(0, at % text.length));
  }),
  fc.tuple(anOperation, fc.nat(), fc.constantFrom('"', '{', '}', '\\', ',', ':', '\u0000', 'ÿ', ']')).map(([operation, at, character]) => {
    const text = JSON.stringify({ query: operation.document });
    const index = at % text.length;
    return post('broken JSON', `${text.slice(0, index)}${character}${text.slice(index + 1)}`);
  }),
  fc.tuple(anOperation, fc.constantFrom('GARBAGE', ',', '}', '{}', '\u0000')).map(([operation, garbage]) => post('broken JSON', `${JSON.stringify({ query: operation.document })}${garbage}`)),
  fc.constantFrom('', 'null', '[]', '"query"', '0', '{}', '{"query":null}', '{"query":{"kind":"Document"}}', '{"query":"{a}","query":"{b}"}', '{"__proto__":{"query":"{ me { id } }"}}').map((body) => post('broken JSON', body)),
);

/** A valid body under every content type a client (or an attacker's form) might send, or none. */
const contentTypes = fc
  .tuple(
    anOperation,
    fc.constantFrom(
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/graphql',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/graphql-response+json',
      '*/*',
      `application/json; ${'x'.repeat(2_000)}`,
    ),
  )
  .map(([operation, contentType]): FuzzRequest => ({
    family: 'content types',
    method: 'POST',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body: JSON.stringify({ query: operation.document }),
  }));

/** GET with the operation in the address (with and without the header that gets it past CSRF prevention), and methods GraphQL does not use. */
const methods = fc.oneof(
  fc.tuple(anOperation, fc.boolean(), fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)), awkwardText)).map(
    ([operation, preflight, variables]): FuzzRequest => ({
      family: 'GET and other methods',
      method: 'GET',
      headers: preflight ? { 'apollo-require-preflight': 'true' } : {},
      body: '',
      path: `/graphql?${new URLSearchParams({ query: operation.document, ...(variables === undefined ? {} : { variables }) }).toString()}`,
    }),
  ),
  fc.tuple(anOperation, fc.constantFrom('PUT', 'DELETE', 'PATCH')).map(([operation, method]) => ({ ...post('GET and other methods', { query: operation.document }), method })),
);

/** Several operations in one JSON array (batching is off: one operation per request). */
const batches = fc
  .array(anOperation.map((operation) => ({ query: operation.document })), { minLength: 0, maxLength: 5 })
  .map((batch) => post('batched arrays', batch));

/** Extensions nobody asked for: unknown keys, persisted-query hashes that do not exist or do not match. */
const extensions = fc
  .tuple(
    anOperation,
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ persistedQuery: fc.record({ version: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })), sha256Hash: fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), awkwardText) }, { requiredKeys: [] }) }),
      fc.constantFrom({ persistedQuery: { version: 1, sha256Hash: operations[0]!.hash } }, { tracing: true }, { clientLibrary: { name: 'x' } }),
    ),
    fc.boolean(),
  )
  .map(([operation, value, withQuery]) => post('unknown extensions', { ...(withQuery ? { query: operation.document } : {}), extensions: value }));

/** Huge strings where the clients send short ones. */
const hugeStrings = fc.tuple(anOperation, hugeString).map(([operation, text]) => post('huge strings', { query: operation.document, operationName: text.slice(0, 5_000), variables: Object.fromEntries(operation.variables.map(({ name }) => [name, text])) }));

/** Every family, weighted towards the ones that reach resolvers. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { arbitrary: realOperation, weight: 4 },
  { arbitrary: tokenEdits, weight: 4 },
  { arbitrary: wrongVariables, weight: 4 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: unicode, weight: 2 },
  { arbitrary: brokenJson, weight: 2 },
  { arbitrary: contentTypes, weight: 1 },
  { arbitrary: methods, weight: 2 },
  { arbitrary: batches, weight: 1 },
  { arbitrary: extensions, weight: 2 },
  { arbitrary: hugeStrings, weight: 1 },
);
