import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import { deduplicateInflightFetches } from './inflight-deduplication.ts';

const fetchAs = (userId: string | null, id = 'u1') =>
  ({
    request: { query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { name } } }', variables: { id } },
    context: { viewer: userId ? { userId, role: 'BUYER' } : null },
  }) as unknown as GraphQLDataSourceProcessOptions;

describe('in-flight deduplication of entity fetches', () => {
  it('sends identical concurrent fetches of one viewer once, and gives each caller its own copy', async () => {
    const sent: string[] = [];
    const identity: GraphQLDataSource = {
      process: async (options) => {
        sent.push(JSON.stringify([options.context, options.request.variables]));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { data: { _entities: [{ name: 'Alice' }] } };
      },
    };
    const { identity: deduplicated } = deduplicateInflightFetches({ identity });
    const answers = await Promise.all([
      deduplicated!.process(fetchAs('alice')),
      deduplicated!.process(fetchAs('alice')),
      deduplicated!.process(fetchAs('bob')),
      deduplicated!.process(fetchAs(null)),
      deduplicated!.process(fetchAs('alice', 'u2')),
    ]);
    expect(sent).toHaveLength(4);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).not.toBe(answers[1]);
    // Once answered, nothing is kept: the next fetch goes out again.
    await deduplicated!.process(fetchAs('alice'));
    expect(sent).toHaveLength(5);
  });
});
