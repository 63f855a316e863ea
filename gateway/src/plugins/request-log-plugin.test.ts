import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { createLogger, memoryLogDestination } from '@threadly/logger';
import { describe, expect, it } from 'vitest';
import type { GatewayContext, Principal } from '../gateway-context.ts';
import { recordSubgraphFetch } from '../request-log/subgraph-fetch-log.ts';
import { requestLogPlugin } from './request-log-plugin.ts';

const typeDefs = `type Query { listing(id: ID!): String, broken: String, secret(email: String!): String }
  type Mutation { sendMessage(body: String!): Boolean }`;

/** Stands in for the response cache's status plugin, which sets `x-cache` before the log plugin reads it. */
const cacheHeader: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('x-cache', 'MISS');
      },
    };
  },
};

async function logOf(
  query: string,
  { variables, principal = { kind: 'anonymous', ip: '10.0.0.7' }, headers = {}, level = 'info', operationName }:
    { variables?: Record<string, unknown>; principal?: Principal; headers?: Record<string, string>; level?: string; operationName?: string } = {},
) {
  const destination = memoryLogDestination();
  const server = new ApolloServer<GatewayContext>({
    typeDefs,
    resolvers: {
      Query: {
        // What the gateway's data source does for each subgraph fetch of the request.
        listing: (_parent, _args, context: GatewayContext) => {
          recordSubgraphFetch(context, 'catalog', performance.now(), 'ok');
          recordSubgraphFetch(context, 'identity', performance.now(), 'unavailable');
          return 'a listing';
        },
        broken: () => {
          throw new Error('connection to 10.1.2.3 lost');
        },
        secret: () => null,
      },
      Mutation: { sendMessage: () => true },
    },
    plugins: [cacheHeader, requestLogPlugin(createLogger('gateway', level, { destination }))],
  });
  await server.start();
  const headerMap = new Map(Object.entries({ authorization: 'Bearer tok.en.value', ...headers }));
  const contextValue: GatewayContext = {
    requestId: 'req-1',
    receivedAt: performance.now(),
    principal,
    viewer: principal.kind === 'user' ? principal.viewer : null,
  };
  await server.executeOperation(
    { query, variables, operationName, http: { method: 'POST', headers: headerMap as never, search: '', body: {} } },
    { contextValue },
  );
  await server.stop();
  return destination;
}

describe('requestLogPlugin', () => {
  it('writes one info line naming the request, the user, the cache status and each subgraph fetch', async () => {
    const log = await logOf('query Listing($id: ID!) { listing(id: $id) }', {
      variables: { id: 'p1' },
      principal: { kind: 'user', viewer: { userId: 'user-7', role: 'BUYER' } },
      headers: { 'apollographql-client-name': 'web', 'apollographql-client-version': '1.4.2' },
    });
    const lines = log.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      name: 'gateway',
      msg: 'graphql request',
      requestId: 'req-1',
      operationName: 'Listing',
      operationType: 'query',
      clientName: 'web',
      clientVersion: '1.4.2',
      userId: 'user-7',
      status: 200,
      cache: 'MISS',
      subgraphs: [
        { name: 'catalog', outcome: 'ok' },
        { name: 'identity', outcome: 'unavailable' },
      ],
    });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(lines[0]).not.toHaveProperty('errorCodes');
  });

  it('never writes variables, the query text, credentials or message bodies', async () => {
    const log = await logOf('mutation Send($body: String!) { sendMessage(body: $body) }', {
      variables: { body: 'meet me at 5, call 555-0100' },
      principal: { kind: 'partner', partnerId: 'acme' },
    });
    const secret = await logOf('query Lookup($email: String!) { secret(email: $email) }', { variables: { email: 'jo@example.com' } });
    const text = log.text() + secret.text();
    for (const leaked of ['meet me at 5', 'jo@example.com', 'tok.en.value', 'Bearer', 'sendMessage(', '10.0.0.7']) expect(text).not.toContain(leaked);
    expect(log.lines()[0]).toMatchObject({ userId: 'partner:acme', operationType: 'mutation', operationName: 'Send' });
    expect(secret.lines()[0]).toMatchObject({ userId: 'anonymous' });
  });

  it('carries the error codes of a refused request, at info: a client mistake is no incident', async () => {
    const lines = (await logOf('query Broken { listing(id: ', { operationName: 'Broken' })).lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, status: 400, errorCodes: ['GRAPHQL_PARSE_FAILED'], operationName: 'Broken' });
  });

  it('warns when the request ended in an unexpected error', async () => {
    const lines = (await logOf('{ broken }')).lines();
    expect(lines[0]).toMatchObject({ level: 40, errorCodes: ['INTERNAL_SERVER_ERROR'] });
    expect(JSON.stringify(lines)).not.toContain('10.1.2.3');
  });

  it('leaves out a client name or operation name that is not a plain, short value', async () => {
    const lines = (
      await logOf('query Broken { listing(id: ', {
        operationName: 'x'.repeat(500),
        headers: { 'apollographql-client-name': 'web\n{"level":60}', 'apollographql-client-version': 'v'.repeat(65) },
      })
    ).lines();
    expect(lines[0]).not.toHaveProperty('clientName');
    expect(lines[0]).not.toHaveProperty('clientVersion');
    expect(lines[0]).not.toHaveProperty('operationName');
  });

  it('writes nothing, and keeps no fetch list, when the level is above warn', async () => {
    expect((await logOf('query Listing { listing(id: "p1") }', { level: 'error' })).lines()).toEqual([]);
    expect((await logOf('{ broken }', { level: 'warn' })).lines()).toHaveLength(1);
  });
});

