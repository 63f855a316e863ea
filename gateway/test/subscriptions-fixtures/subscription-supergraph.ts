import { randomUUID } from 'node:crypto';
import { createRedisStreamTransport, type RedisStreamTransport } from '@threadly/events';
import { createLogger, type Logger } from '@threadly/logger';
import { testEnv } from '@threadly/testing';
import type { SubscriptionSettings } from '../../src/subscriptions/subscription-settings.ts';
import { findDatabaseUser, findDemoUser } from '../../src/auth/development-users.ts';
import { signDevelopmentSessionToken } from '../../src/auth/dev-token.ts';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.ts';
import { connectWsTestClient, type WsTestClient } from './graphql-ws-test-client.ts';

type TestSupergraphOptions = NonNullable<Parameters<typeof startTestSupergraph>[0]>;

export interface SubscriptionSupergraph extends TestSupergraph {
  /** A Bearer value for a user of the test database (`ttlSeconds`: how long the session token lives). */
  authorizationFor(userId: string, options?: { ttlSeconds?: number }): Promise<string>;
  /**
   * A graphql-ws connection to `gatewayUrl` (default: this supergraph's gateway), as `as`, with the `authorization`
   * given, or anonymously.
   */
  connect(options?: { as?: string; ttlSeconds?: number; authorization?: string; gatewayUrl?: string }): Promise<WsTestClient>;
  /** Closes every connection `connect` opened and waits until they are closed (so they no longer count against limits). */
  closeClients(): Promise<void>;
}

/**
 * The test supergraph as the subscription suites need it: domain events on a Redis stream of the suite's own and
 * subscription events on Redis pub/sub channels of its own (real Redis, as replicas share them), so a second
 * gateway and messaging instance (`startReplica`) see the same events. `redisUrl` puts all of it (and, when given,
 * the response cache and edge) on another Redis, e.g. a throwaway Redis Cluster.
 */
export async function startSubscriptionSupergraph({
  redisUrl = testEnv().REDIS_URL!,
  responseCache,
  edge,
  loggerFor,
  ...options
}: {
  subscriptions?: Partial<SubscriptionSettings>;
  userCacheTtlMs?: number;
  redisUrl?: string;
  responseCache?: TestSupergraphOptions['responseCache'];
  edge?: TestSupergraphOptions['edge'];
  loggerFor?: (component: string) => Logger;
} = {}): Promise<SubscriptionSupergraph> {
  const suite = randomUUID().slice(0, 8);
  const events: RedisStreamTransport = createRedisStreamTransport({
    url: redisUrl,
    stream: `threadly-test:${suite}:events`,
    logger: createLogger('events', 'silent'),
    blockMs: 100,
  });
  const supergraph = await startTestSupergraph({
    responseCache,
    edge,
    local: { events, realtime: { redisUrl, channelPrefix: `threadly-test:${suite}:` }, ...options },
    loggerFor,
  }).catch(async (error: unknown) => {
    await events.close();
    throw error;
  });
  const clients: WsTestClient[] = [];
  const authorizationFor: SubscriptionSupergraph['authorizationFor'] = async (userId, { ttlSeconds } = {}) => {
    const user = findDemoUser(userId) ?? (await findDatabaseUser(supergraph.database.pool, userId));
    if (!user) throw new Error(`no user ${userId} in the test database`);
    return `Bearer ${signDevelopmentSessionToken(user, { ttlSeconds })}`;
  };
  return {
    ...supergraph,
    authorizationFor,
    async connect({ as, ttlSeconds, authorization, gatewayUrl = supergraph.gatewayUrl } = {}) {
      const credentials = authorization ?? (as ? await authorizationFor(as, { ttlSeconds }) : undefined);
      const client = connectWsTestClient(gatewayUrl, credentials ? { authorization: credentials } : {});
      clients.push(client);
      return client;
    },
    async closeClients() {
      const open = clients.splice(0);
      for (const client of open) client.close();
      await Promise.all(open.map((client) => client.closed));
      // The gateway releases a connection when its socket's close completes on its side too.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async close() {
      for (const client of clients) client.close();
      await supergraph.close();
      await events.close();
    },
  };
}
