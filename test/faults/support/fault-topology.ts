import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisStreamTransport } from '@threadly/events';
import { signDevelopmentSessionToken } from '@threadly/gateway';
import { createLogger } from '@threadly/logger';
import { startReplicaTopology, type ReplicaTopology } from '@threadly/replica-topology';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { findDemoUser } from '../../../gateway/src/auth/development-users.ts';
import { postGraphQL, type LoadAnswer } from './recorded-load.ts';

/** The outbox tables the audit reads: every subgraph that publishes. */
export const OUTBOX_SCHEMAS = ['identity', 'catalog', 'commerce', 'messaging'] as const;

export interface FaultTopology {
  topology: ReplicaTopology;
  /** The gateways' round-robin front's GraphQL endpoint: what clients call. */
  gatewayUrl: string;
  database: TestDatabase;
  /** This run's event stream (EVENT_STREAM of every process). */
  stream: string;
  /** Every event id a consumer group of the test's own received from the stream (the "no lost events" audit). */
  auditedEventIds: Set<string>;
  /** Events moved to the dead-letter stream: a good event there is an event lost to its consumer. */
  deadLetterCount(): Promise<number>;
  /** A demo user's `authorization` header value. */
  authorizationFor(demoAccount: string): string;
  graphql(query: string, variables: Record<string, unknown>, as?: string): Promise<LoadAnswer>;
  close(): Promise<void>;
}

/**
 * The real multi-process topology (two gateways behind a round-robin front, two replicas of each subgraph behind
 * theirs) over the given servers: a fresh database on `databaseServerUrl`, which the subgraph processes migrate
 * and seed themselves, and `redisUrl` for everything that uses Redis (a stream of this run's own for events,
 * realtime pub/sub, the response cache, the rate limiter, the APQ store, the search cache). A consumer group of
 * the test's own reads the stream beside the subgraphs' groups.
 */
export async function startFaultTopology(options: { databaseServerUrl: string; redisUrl: string; onProgress?: (message: string) => void }): Promise<FaultTopology> {
  const stream = `threadly-fault:${randomBytes(4).toString('hex')}:events`;
  const database = await createTestDatabase(options.databaseServerUrl);
  const events = createRedisStreamTransport({ url: options.redisUrl, logger: createLogger('events', 'silent'), stream, blockMs: 250 });
  const auditedEventIds = new Set<string>();
  const audit = events.consume('fault-audit', async ({ raw }) => void auditedEventIds.add((raw as { id: string }).id), { backoffBaseMs: 50 });
  const closeOwn = async () => {
    await audit.stop();
    await events.close();
    await database.close();
  };
  let topology: ReplicaTopology;
  try {
    topology = await startReplicaTopology({
      databaseUrl: database.url,
      redisUrl: options.redisUrl,
      replicas: 2,
      env: { LOG_LEVEL: 'warn', EVENT_STREAM: stream },
      // Limits far above the load: the limiter is consulted on every request (and must fail open), never refuses.
      gatewayEnv: { RATE_LIMIT_USER: '1000000', RATE_LIMIT_ANONYMOUS: '1000000' },
      // Eight processes compile and migrate at once on two shared cores: bounded, but not tight.
      readyTimeoutMs: 150_000,
      onProgress: options.onProgress,
    });
  } catch (error) {
    await closeOwn();
    throw error;
  }
  const gatewayUrl = `${topology.gatewayUrl}/graphql`;
  const authorizationFor = (demoAccount: string) => {
    const user = findDemoUser(demoAccount);
    if (!user) throw new Error(`${demoAccount} is not a demo account`);
    return `Bearer ${signDevelopmentSessionToken(user, { ttlSeconds: 3_600 })}`;
  };
  return {
    topology,
    gatewayUrl,
    database,
    stream,
    auditedEventIds,
    authorizationFor,
    async deadLetterCount() {
      const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        return await redis.xlen(events.names.deadLetters);
      } finally {
        redis.disconnect();
      }
    },
    graphql: (query, variables, as) => postGraphQL(gatewayUrl, { query, variables }, as ? { authorization: authorizationFor(as) } : {}),
    async close() {
      await topology.stop();
      await closeOwn();
    },
  };
}
