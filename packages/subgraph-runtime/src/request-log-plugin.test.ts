import { ApolloServer } from '@apollo/server';
import { createLogger, memoryLogDestination } from '@threadly/logger';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { logRefusedSubgraphRequest, requestLogPlugin } from './request-log-plugin.ts';

interface TestContext {
  requestId: string;
  viewer: { userId: string; role: string } | null;
}

async function logOf(query: string, variables: Record<string, unknown>, contextValue: TestContext) {
  const destination = memoryLogDestination();
  const server = new ApolloServer<TestContext>({
    typeDefs: 'type Query { order(id: ID!): String, broken: String } type Mutation { sendMessage(body: String!): Boolean }',
    resolvers: {
      Query: {
        order: () => {
          throw new GraphQLError('Not yours.', { extensions: { code: 'FORBIDDEN' } });
        },
        broken: () => {
          throw new Error('relation "commerce.Order" does not exist');
        },
      },
      Mutation: { sendMessage: () => true },
    },
    plugins: [requestLogPlugin<TestContext>('commerce', createLogger('commerce', 'info', { destination }))],
  });
  await server.start();
  await server.executeOperation({ query, variables }, { contextValue });
  await server.stop();
  return destination;
}

describe('subgraph requestLogPlugin', () => {
  it("writes one line with the gateway's request id, the viewer's id and the error codes — nothing of the request's data", async () => {
    const log = await logOf('mutation Send__messaging__0($body: String!) { sendMessage(body: $body) }', { body: 'my address is 1 Elm St' }, {
      requestId: 'req-from-gateway',
      viewer: { userId: 'user-5', role: 'BUYER' },
    });
    expect(log.lines()).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'subgraph request',
        requestId: 'req-from-gateway',
        subgraph: 'commerce',
        operationName: 'Send__messaging__0',
        operationType: 'mutation',
        userId: 'user-5',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(log.text()).not.toContain('Elm St');
    expect(log.text()).not.toContain('sendMessage');
  });

  it('carries the codes of an expected error at info, and warns for an unexpected one', async () => {
    const forbidden = await logOf('query Order($id: ID!) { order(id: $id) }', { id: 'o1' }, { requestId: 'r2', viewer: null });
    expect(forbidden.lines()).toEqual([expect.objectContaining({ level: 30, userId: 'anonymous', errorCodes: ['FORBIDDEN'] })]);
    const broken = await logOf('{ broken }', {}, { requestId: 'r3', viewer: null });
    expect(broken.lines()).toEqual([expect.objectContaining({ level: 40, errorCodes: ['INTERNAL_SERVER_ERROR'] })]);
  });

  it('logs a request refused for its viewer header with 401 and UNAUTHENTICATED', () => {
    const destination = memoryLogDestination();
    const refused = new GraphQLError('The identity of this request could not be verified.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    logRefusedSubgraphRequest('catalog', createLogger('catalog', 'info', { destination }), 'r4', performance.now(), refused);
    expect(destination.lines()).toEqual([expect.objectContaining({ requestId: 'r4', subgraph: 'catalog', status: 401, errorCodes: ['UNAUTHENTICATED'] })]);
  });
});
