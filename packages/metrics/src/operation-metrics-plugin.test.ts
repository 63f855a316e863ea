import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { readSample } from './exposition-sample.ts';
import { operationMetricsPlugin } from './operation-metrics-plugin.ts';

const typeDefs = 'type Query { ok: Int, failing: Int, both: Both } type Both { ok: Int, failing: Int } type Mutation { bump: Int }';
const resolvers = {
  Query: {
    ok: () => 1,
    failing: () => {
      throw new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } });
    },
    both: () => ({}),
  },
  Both: {
    ok: () => 1,
    failing: () => {
      throw new GraphQLError('no', { extensions: { code: 'NOT_FOUND' } });
    },
  },
  Mutation: { bump: () => 2 },
};

async function serverWithMetrics(maxOperationNames?: number) {
  const registry = new Registry();
  const server = new ApolloServer({ typeDefs, resolvers, plugins: [operationMetricsPlugin({ registry, prefix: 't_', maxOperationNames })] });
  await server.start();
  const run = (query: string) => server.executeOperation({ query });
  const value = async (name: string, labels: Record<string, string>) => readSample(await registry.metrics(), name, labels) ?? 0;
  return { server, registry, run, value };
}

describe('operationMetricsPlugin', () => {
  it('counts each request by operation, type and outcome, times it, and counts errors by code', async () => {
    const { server, run, value } = await serverWithMetrics();
    await run('query Home { ok }');
    await run('query Home { ok }');
    await run('mutation Bump { bump }');
    await run('{ ok }');
    await run('query Partial { both { ok failing } }');
    await run('query Denied { failing }');
    await run('query Broken { nope }');
    await run('query {');
    expect(await value('t_requests_total', { operation: 'Home', type: 'query', outcome: 'success' })).toBe(2);
    expect(await value('t_requests_total', { operation: 'Bump', type: 'mutation', outcome: 'success' })).toBe(1);
    expect(await value('t_requests_total', { operation: 'anonymous', type: 'query', outcome: 'success' })).toBe(1);
    expect(await value('t_requests_total', { operation: 'Partial', type: 'query', outcome: 'partial' })).toBe(1);
    // `failing` is nullable: data is { failing: null } with an error, so a partial answer, not a failed request.
    expect(await value('t_requests_total', { operation: 'Denied', type: 'query', outcome: 'partial' })).toBe(1);
    // Refused before an operation was resolved: no name is trusted, the type is unknown.
    expect(await value('t_requests_total', { operation: 'anonymous', type: 'unknown', outcome: 'error' })).toBe(2);
    expect(await value('t_request_duration_seconds_bucket', { operation: 'Home', type: 'query', le: '+Inf' })).toBe(2);
    expect(await value('t_request_duration_seconds_count', { operation: 'Home', type: 'query' })).toBe(2);
    expect(await value('t_errors_total', { code: 'FORBIDDEN' })).toBe(1);
    expect(await value('t_errors_total', { code: 'NOT_FOUND' })).toBe(1);
    expect(await value('t_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(await value('t_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    await server.stop();
  });

  it('counts the errors as the client receives them, after plugins before it rewrote the response and formatError masked them', async () => {
    const registry = new Registry();
    const keepFirstError: ApolloServerPlugin = {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            if (response.body.kind === 'single') response.body.singleResult.errors = response.body.singleResult.errors?.slice(0, 1);
          },
        };
      },
    };
    const server = new ApolloServer({
      typeDefs,
      resolvers,
      formatError: (formatted) => (formatted.extensions?.code === 'FORBIDDEN' ? { message: 'masked', extensions: { code: 'INTERNAL_SERVER_ERROR' } } : formatted),
      plugins: [keepFirstError, operationMetricsPlugin({ registry, prefix: 't_' })],
    });
    await server.start();
    const response = await server.executeOperation({ query: 'query Twice { failing both { failing } }' });
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.map((error) => error.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    const value = async (labels: Record<string, string>) => readSample(await registry.metrics(), 't_errors_total', labels) ?? 0;
    expect({ internal: await value({ code: 'INTERNAL_SERVER_ERROR' }), forbidden: await value({ code: 'FORBIDDEN' }), notFound: await value({ code: 'NOT_FOUND' }) }).toEqual({
      internal: 1,
      forbidden: 0,
      notFound: 0,
    });
    await server.stop();
  });

  it('labels operations past the bound as other, so clients choosing names cannot add series', async () => {
    const { server, run, registry } = await serverWithMetrics(3);
    for (let index = 0; index < 20; index += 1) await run(`query Op${index} { ok }`);
    const { values } = await registry.getSingleMetric('t_requests_total')!.get();
    expect(values.map((entry) => [entry.labels.operation, entry.value])).toEqual([
      ['Op0', 1],
      ['Op1', 1],
      ['Op2', 1],
      ['other', 17],
    ]);
    await server.stop();
  });
});
