// The leak detector of the hostile-input suite must itself catch leaks, or the suite would pass vacuously.
import { describe, expect, it } from 'vitest';
import { postGraphQL } from './hostile-case.ts';
import { leaksIn } from './refusal-checks.ts';

const innocent = postGraphQL('{ categories { id } }');

describe('leaksIn', () => {
  it.each([
    ['a stack frame', 'GraphQLError: boom\n    at processGraphQLRequest (/work/main/node_modules/@apollo/server/src/requestPipeline.ts:177:11)'],
    ['a bare stack frame', 'at /app/dist/main.js:10:5'],
    ['a stacktrace extension', '{"extensions":{"stacktrace":["x"]}}'],
    ['a source file and line', 'failed in product.service.ts:48'],
    ['Prisma', 'Invalid `prisma.product.findMany()` invocation'],
    ['PostgreSQL wording', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['SQL', 'SELECT "id" FROM "catalog"."Product" WHERE'],
    ['a subgraph address', 'request to http://127.0.0.1:4002/graphql failed, reason: connect ECONNREFUSED'],
    ['a JavaScript error', "TypeError: Cannot read properties of undefined (reading 'id')"],
  ])('flags %s', (_what, text) => {
    expect(leaksIn(text, innocent)).not.toEqual([]);
  });

  it('does not mistake a message for a stack frame', () => {
    expect(leaksIn('{"errors":[{"message":"title: must be at most 120 characters"},{"message":"Nothing is served at /internal/x."}]}', innocent)).toEqual([]);
  });

  it("does not count the client's own input echoed back", () => {
    const request = postGraphQL('query ($v: ID!) { product(id: $v) { id } }', { v: "' UNION SELECT email FROM identity.\"User\" --" });
    expect(leaksIn('{"errors":[{"message":"Product \\"\' UNION SELECT email FROM identity.\\\\\\"User\\\\\\" --\\" was not found."}]}', request)).toEqual([]);
  });
});
