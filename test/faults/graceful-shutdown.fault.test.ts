// SIGTERM to real processes, as an orchestrator sends it at every deploy: the gateway (gateway/src/main.ts, one
// worker) and a subgraph (subgraphs/messaging/src/main.ts) each stop accepting, answer what is in flight, end their
// subscriptions cleanly, publish what is left in the outbox, close Redis and PostgreSQL, and exit 0 within the grace
// period. Identity, catalog and commerce run in this process; Redis is a throwaway server; the database is a fresh
// one on the machine's PostgreSQL.
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createCatalogSubgraph } from '@threadly/catalog';
import { createCommerceSubgraph } from '@threadly/commerce';
import { createRedisStreamTransport, type RedisStreamTransport } from '@threadly/events';
import { signDevelopmentSessionToken } from '@threadly/gateway';
import { createIdentitySubgraph } from '@threadly/identity';
import { createLogger } from '@threadly/logger';
import { serveSubgraph, type ServedSubgraph, type SubgraphDefinition } from '@threadly/subgraph-runtime';
import {
  createTestDatabase,
  freePort,
  serverUnavailableReason,
  startThrowawayRedis,
  subscribeOverWebSocket,
  testEnv,
  type TestDatabase,
  type TestSubscription,
  type ThrowawayRedis,
} from '@threadly/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findDemoUser } from '../../gateway/src/auth/development-users.ts';
import { startDelayingProxy, type DelayingProxy } from './support/delaying-proxy.ts';
import { logLines, startServiceProcess, waitUntilReady, type ServiceProcess } from './support/service-process.ts';
import { faultTableRows, formatFaultTable } from './support/fault-table.ts';
import { postGraphQL, startRecordedLoad, type LoadClient } from './support/recorded-load.ts';
import { pause, waitFor } from './support/wait-for.ts';

const SECRET = 'graceful-shutdown-identity-secret'.padEnd(48, '-');
const MESSAGE_ADDED = 'subscription MessageAdded($id: ID!) { messageAdded(conversationId: $id) { id body } }';
const SEND_MESSAGE = 'mutation SendMessage($conversationId: ID!, $body: String!) { sendMessage(conversationId: $conversationId, body: $body) { id } }';
const SEARCH = 'query Search { searchProducts(first: 20) { totalCount edges { node { id title seller { displayName } } } } }';
const { buyer } = DEMO_ACCOUNTS;
const authorization = `Bearer ${signDevelopmentSessionToken(findDemoUser(buyer.id)!, { ttlSeconds: 3_600 })}`;

const skip = serverUnavailableReason('postgres');
let redis: ThrowawayRedis;
let database: TestDatabase;
let events: RedisStreamTransport;
const inProcess: Array<{ definition: SubgraphDefinition; served: ServedSubgraph }> = [];
const urls = { identity: '', catalog: '', commerce: '', messaging: '' };
let slowCatalog: DelayingProxy;
let messaging: ServiceProcess | undefined;
/** Two gateways: the first test stops one, the second needs one running while the subgraph stops. */
const gateways: Array<{ process: ServiceProcess; url: string }> = [];
let conversationId = '';
const subscriptions: TestSubscription[] = [];

const commonEnv = () => ({ NODE_ENV: 'development', LOG_LEVEL: 'info', IDENTITY_HEADER_SECRET: SECRET, REDIS_URL: redis.url, SHUTDOWN_GRACE_MS: '10000' });

async function startMessaging(port: number) {
  messaging = startServiceProcess('subgraphs/messaging/src/main.ts', {
    ...commonEnv(),
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    MESSAGING_PORT: String(port),
    CATALOG_SUBGRAPH_URL: urls.catalog,
  });
  await waitUntilReady(messaging, urls.messaging);
}

async function startGateway(port: number) {
  const url = `http://127.0.0.1:${port}/graphql`;
  const gateway = startServiceProcess('gateway/src/main.ts', {
    ...commonEnv(),
    GATEWAY_WORKERS: '1',
    GATEWAY_PORT: String(port),
    IDENTITY_URL: urls.identity,
    CATALOG_URL: slowCatalog.url,
    COMMERCE_URL: urls.commerce,
    MESSAGING_URL: urls.messaging,
  });
  gateways.push({ process: gateway, url });
  await waitUntilReady(gateway, url);
}

const graphql = (gatewayUrl: string, query: string, variables: Record<string, unknown> = {}) => postGraphQL(gatewayUrl, { query, variables }, { authorization });

/** A subscription through the gateway, proven live end to end: a probe message sent after it was opened arrives. */
async function liveSubscription(gatewayUrl: string) {
  const subscription = subscribeOverWebSocket<{ messageAdded: { id: string } }>(gatewayUrl, { query: MESSAGE_ADDED, variables: { id: conversationId } }, { authorization });
  subscriptions.push(subscription);
  const received = new Set<string>();
  const unexpected: unknown[] = [];
  void (async () => {
    for (;;) {
      const result = await subscription.next();
      if (result.data) received.add(result.data.messageAdded.id);
      else unexpected.push(result);
    }
  })().catch((error: unknown) => unexpected.push(error));
  const live = await waitFor(async () => {
    const sent = await graphql(gatewayUrl, SEND_MESSAGE, { conversationId, body: `probe ${Date.now()}` });
    await pause(300);
    return received.has(sent.body.data?.sendMessage?.id ?? '');
  }, 20_000, 0);
  expect({ live, unexpected }).toEqual({ live: true, unexpected: [] });
  return subscription;
}

/** How a request ended: answered, refused before it was accepted (fine during a shutdown), or cut (never fine). */
async function outcomeOf(request: Promise<{ status: number; body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } }>) {
  try {
    const { status, body } = await request;
    if (status >= 500) return 'server error';
    return body.data && !body.errors?.length ? 'answered' : `error ${body.errors?.map((error) => error.extensions?.code).join(',')}`;
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED' ? 'refused' : `cut (${code ?? (error as Error).message})`;
  }
}

beforeAll(async () => {
  if (skip) return;
  redis = await startThrowawayRedis();
  database = await createTestDatabase(testEnv().DATABASE_URL);
  events = createRedisStreamTransport({ url: redis.url, logger: createLogger('events', 'silent') });
  const serve = async (definition: SubgraphDefinition) => {
    const served = await serveSubgraph(definition, { pool: database.pool, logger: createLogger(definition.name, 'silent'), port: 0, production: false, migrate: true, seedWhenEmpty: true, events });
    inProcess.push({ definition, served });
    return served.url;
  };
  urls.identity = await serve(createIdentitySubgraph({ pool: database.pool, identitySecret: SECRET, logger: createLogger('identity', 'silent') }) as SubgraphDefinition);
  urls.catalog = await serve(createCatalogSubgraph({ pool: database.pool, identitySecret: SECRET, logger: createLogger('catalog', 'silent') }) as SubgraphDefinition);
  urls.commerce = await serve(createCommerceSubgraph({ pool: database.pool, identitySecret: SECRET, catalogUrl: urls.catalog, logger: createLogger('commerce', 'silent') }) as SubgraphDefinition);
  slowCatalog = await startDelayingProxy(urls.catalog);
  // Three processes at once: their start-up (tsx compiling) is most of the file's time.
  const [messagingPort, ...gatewayPorts] = [await freePort(), await freePort(), await freePort()];
  urls.messaging = `http://127.0.0.1:${messagingPort}/graphql`;
  await Promise.all([startMessaging(messagingPort!), ...gatewayPorts.map((port) => startGateway(port))]);
  const { rows } = await database.pool.query<{ id: string }>(`SELECT id FROM messaging."Conversation" WHERE "buyerId" = $1 ORDER BY id LIMIT 1`, [buyer.id]);
  conversationId = rows[0]!.id;
}, 120_000);

afterEach(async () => {
  await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close().catch(() => undefined)));
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.process.kill();
  await messaging?.kill();
  await slowCatalog?.close();
  for (const { definition, served } of inProcess.reverse()) {
    await served.stop();
    await definition.close();
  }
  await events?.close();
  await database?.close();
  await redis?.close();
});

describe.skipIf(skip)('graceful shutdown on SIGTERM', () => {
  it('the gateway answers the requests in flight, completes subscriptions and closes them with 1001, and exits 0', async () => {
    const gateway = gateways[0]!;
    const subscription = await liveSubscription(gateway.url);
    // Catalog answers after 1.5 s: the requests are inside the gateway, waiting on it, when SIGTERM arrives.
    slowCatalog.setDelay(1_500);
    const inFlight = Array.from({ length: 12 }, () => outcomeOf(graphql(gateway.url, SEARCH)));
    await pause(500);
    gateway.process.child.kill('SIGTERM');
    const [outcomes, exit, closed] = await Promise.all([Promise.all(inFlight), gateway.process.exited, subscription.closed]);
    slowCatalog.setDelay(0);
    const afterwards = await outcomeOf(graphql(gateway.url, SEARCH));

    console.log(`gateway SIGTERM with 12 requests in flight: ${JSON.stringify(countBy(outcomes))}; subscription closed ${closed.code} "${closed.reason}"; exit ${exit.code}`);
    expect(countBy(outcomes)).toEqual({ answered: 12 });
    await expect(subscription.completed).resolves.toBeUndefined();
    expect(closed).toEqual({ code: 1001, reason: 'The gateway is shutting down; reconnect.' });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(logLines(gateway.process).map((line) => line.msg)).toContain('stopped');
    expect(afterwards).toBe('refused');
  }, 60_000);

  it('a subgraph answers what it accepted, ends its subscriptions, publishes its outbox, and exits 0; the gateway stays up', async () => {
    const gatewayUrl = gateways[1]!.url;
    const subscription = await liveSubscription(gatewayUrl);
    const sender = (worker: number): LoadClient => ({
      kind: 'mutation',
      pauseMs: 10,
      send: async (round) => {
        const answer = await graphql(gatewayUrl, SEND_MESSAGE, { conversationId, body: `shutdown ${worker}-${round}` });
        return { ...answer, acknowledgedId: answer.body.data?.sendMessage?.id as string | undefined };
      },
    });
    const load = startRecordedLoad([0, 1, 2, 3].map(sender), 'before SIGTERM');
    await pause(1_000);
    load.setPhase('messaging stopping and stopped');
    messaging!.child.kill('SIGTERM');
    const exit = await messaging!.exited;
    await pause(500);
    await load.stop();
    const acknowledged = load.records.flatMap((record) => (record.acknowledgedId ? [record.acknowledgedId] : []));
    const ending = await Promise.race([subscription.completed.then(() => 'complete'), subscription.next().then(() => 'event', (error: unknown) => `error ${JSON.stringify(error)}`)]);
    const { rows: stored } = await database.pool.query<{ id: string }>(`SELECT id FROM messaging."Message" WHERE id = ANY($1::uuid[])`, [acknowledged]);
    const { rows: unpublished } = await database.pool.query(`SELECT id FROM messaging."OutboxEvent" WHERE "publishedAt" IS NULL`);
    const gatewayStillUp = await outcomeOf(graphql(gatewayUrl, SEARCH));

    console.log(
      `messaging subgraph SIGTERM under load (4 clients; subscription ended with: ${ending}; exit ${exit.code}):\n` +
        formatFaultTable(faultTableRows(load.records), acknowledged.length - stored.length + unpublished.length),
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(logLines(messaging!).map((line) => line.msg)).toContain('stopped');
    expect(load.records.filter((record) => record.status >= 500)).toEqual([]);
    expect(load.records.flatMap((record) => record.errors).filter((error) => error.code !== 'SUBGRAPH_UNAVAILABLE')).toEqual([]);
    expect(stored).toHaveLength(acknowledged.length);
    expect(unpublished).toEqual([]);
    expect(ending).toBe('complete');
    expect(gatewayStillUp).toBe('answered');
  }, 60_000);
});

function countBy(values: string[]) {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
