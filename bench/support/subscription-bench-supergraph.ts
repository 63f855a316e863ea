// The supergraph the subscription bench runs against: the real gateway and subgraphs in this process, over a fresh
// database with the demo data, domain events on a Redis stream and subscription events on Redis pub/sub (both with
// keys of this run's own), as replicas would run in production.
import { randomUUID } from 'node:crypto';
import { createRedisStreamTransport } from '@threadly/events';
import { startLocalSupergraph } from '@threadly/local-supergraph';
import { createLogger } from '@threadly/logger';
import { createTestDatabase, testEnv } from '@threadly/testing';

const quiet = (component: string) => createLogger(component, 'silent');

export async function startBenchSupergraph({ maxConnectionsPerUser }: { maxConnectionsPerUser: number }) {
  const redisUrl = testEnv().REDIS_URL;
  if (!redisUrl || !testEnv().DATABASE_URL) throw new Error('Set DATABASE_URL and REDIS_URL: the bench runs on real PostgreSQL and Redis.');
  const run = randomUUID().slice(0, 8);
  const database = await createTestDatabase();
  const events = createRedisStreamTransport({ url: redisUrl, stream: `threadly-bench:${run}:events`, logger: quiet('events') });
  const supergraph = await startLocalSupergraph({
    pool: database.pool,
    identitySecret: 'subscription-bench-identity-secret'.padEnd(48, '-'),
    ports: { gateway: 0, identity: 0, catalog: 0, commerce: 0, messaging: 0 },
    seedWhenEmpty: true,
    loggerFor: quiet,
    events,
    realtime: { redisUrl, channelPrefix: `threadly-bench:${run}:` },
    subscriptions: { maxConnectionsPerUser, maxPendingEvents: 10_000 },
  });
  const post = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(supergraph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  return {
    gatewayUrl: supergraph.gatewayUrl,
    async firstConversationOf(token: string): Promise<string> {
      const data = await post(token, '{ myConversations(first: 1) { edges { node { id } } } }');
      return data.myConversations.edges[0].node.id as string;
    },
    async sendMessage(token: string, conversationId: string, body: string) {
      await post(token, 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }', { id: conversationId, body });
    },
    async close() {
      await supergraph.stop();
      await events.close();
      await database.close();
    },
  };
}
