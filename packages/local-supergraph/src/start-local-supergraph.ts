import { createCatalogSubgraph, type CatalogSearchSettings } from '@threadly/catalog';
import { createCommerceSubgraph, type CommerceSettings } from '@threadly/commerce';
import type { Pool } from '@threadly/database';
import { createMemoryEventTransport, type EventTransport } from '@threadly/events';
import {
  createGatewayAuthenticate,
  developmentClerkSessionOptions,
  startDeletedUserEviction,
  DEFAULT_HOT_PATH,
  readSupergraphSdl,
  startGatewayServer,
  startResponseCache,
  type ClerkSessionOptions,
  type GatewayServerOptions,
  type RunningResponseCache,
  type SubgraphFetchOptions,
  type SubgraphUrls,
  type SubscriptionSettings,
} from '@threadly/gateway';
import { createIdentitySubgraph } from '@threadly/identity';
import type { Logger } from '@threadly/logger';
import { createMessagingSubgraph } from '@threadly/messaging';
import { serveSubgraph, type ServedSubgraph, type SubgraphDefinition } from '@threadly/subgraph-runtime';

export interface LocalSupergraphOptions {
  /** One pool for all four subgraphs (each uses its own PostgreSQL schema); embedded PGlite needs exactly one. */
  pool: Pool;
  /** Where migrations run when `pool` goes through a transaction-mode pooler (DATABASE_DIRECT_URL); `pool` otherwise. */
  migrationPool?: Pool;
  identitySecret: string;
  /** 0 picks free ports, as tests do. */
  ports: { gateway: number } & SubgraphUrlsOf<number>;
  host?: string;
  production?: boolean;
  /** How the gateway verifies Clerk session tokens (partner API keys are checked with identity); defaults to the development key (refused in production by config). */
  clerk?: ClerkSessionOptions;
  /** Verifies Clerk webhook deliveries at identity's `/webhooks/clerk`; the development secret when absent. */
  clerkWebhookSigningSecret?: string;
  seedWhenEmpty: boolean;
  /** Subgraphs count and log database operations slower than this (SLOW_QUERY_MS); default 500. */
  slowQueryMs?: number;
  maxBodyBytes?: number;
  /**
   * Rate limiting, operation limits, CORS and persisted operations; without it: no rate limit, default operation
   * limits, no CORS, any operation from anyone.
   */
  edge?: Pick<GatewayServerOptions, 'enforceRateLimit' | 'operationLimits' | 'corsOrigins' | 'trustedProxyHops' | 'persistedOperations'>;
  loggerFor: (component: string) => Logger;
  /**
   * Carries domain events between the subgraphs (Redis Streams when REDIS_URL is set); without it, an in-process
   * transport that stops with the supergraph. Either way the caller's transport is left open on stop.
   */
  events?: EventTransport;
  /** Catalog's search engine and search cache; PostgreSQL full-text and an in-process cache when absent. */
  catalogSearch?: CatalogSearchSettings;
  /** Commerce's Stripe, checkout and sweep settings; its environment's development defaults when absent. */
  commerce?: Partial<Omit<CommerceSettings, 'catalogUrl'>>;
  /**
   * The gateway's response cache: Redis at `redisUrl` (keys under `keyPrefix`), else this process's memory, purged
   * by a consumer of `events`. Absent: no response cache.
   */
  responseCache?: { redisUrl?: string; keyPrefix?: string };
  /**
   * Subscription fan-out between subgraph replicas: Redis pub/sub at `redisUrl`, else each process's memory;
   * `channelPrefix` keeps test runs apart.
   */
  realtime?: { redisUrl?: string; channelPrefix?: string };
  /** The gateway's WebSocket limits; its defaults when absent. */
  subscriptions?: Partial<SubscriptionSettings>;
  /** How long the gateway reuses identity's answer for a signed-in user (default 60 s). */
  userCacheTtlMs?: number;
  /** While identity is down, how long after its last answer for a user or partner key the gateway still uses it (default 15 min; 0: never). */
  identityStaleIfErrorMs?: number;
  /** How the gateway reaches subgraphs (timeout, retries, circuit breaker, …) where it differs from the defaults. */
  subgraphFetch?: Partial<SubgraphFetchOptions>;
  /** Called as each part comes up, for progress output. */
  onProgress?: (step: string) => void;
}

/** A second gateway and a second messaging instance over the same database, events and Redis. */
export interface LocalReplica {
  gatewayUrl: string;
  /** This replica's gateway sends messaging's part to this messaging instance; the other subgraphs are shared. */
  messagingUrl: string;
  stop(): Promise<void>;
}
/** A served subgraph; `stopped` while a test has stopped it (stopSubgraph). */
type ServedEntry = { definition: SubgraphDefinition; server: ServedSubgraph; stopped: boolean };

type SubgraphUrlsOf<T> = { [Name in keyof SubgraphUrls]: T };

export interface LocalSupergraph {
  gatewayUrl: string;
  subgraphUrls: SubgraphUrls;
  /** Which transport events travel on. */
  events: EventTransport;
  /** The gateway's response cache store, when it has one (tests read its backend). */
  responseCache: RunningResponseCache['store'] | undefined;
  /**
   * Publishes every outbox now and waits until every consumer (the gateway's cache purger included) has handled what
   * was published, round after round while handlers publish more. Only the in-process transport can tell: with
   * Redis Streams it returns at once.
   */
  settleEvents(): Promise<void>;
  /**
   * Starts another gateway and another messaging instance (the subgraph that serves subscriptions) on the same
   * pool, event transport and realtime Redis, as a second replica of each would run; stopped by `stop()` too.
   */
  startReplica(): Promise<LocalReplica>;
  /**
   * Stops one subgraph's server (and its consumer), as a crash would look to the gateway; `restartSubgraph` serves
   * it again on the same port. For failure-handling tests.
   */
  stopSubgraph(name: keyof SubgraphUrls): Promise<void>;
  restartSubgraph(name: keyof SubgraphUrls): Promise<void>;
  /**
   * Stops the gateway first, then lets events in flight settle (in-process), then the subgraphs — each stops its
   * consumer and publishes what is left in its outbox — so no request finds a subgraph gone and no event is lost.
   */
  stop(): Promise<void>;
}

/**
 * The whole supergraph in one process: four subgraphs and the gateway, each on its own port exactly as they
 * run as separate processes. Used by `npm start` (embedded defaults) and by the integration tests.
 */
export async function startLocalSupergraph(options: LocalSupergraphOptions): Promise<LocalSupergraph> {
  const { pool, identitySecret, host, production = false } = options;
  const ownTransport = options.events ? undefined : createMemoryEventTransport({ logger: options.loggerFor('events') });
  const events = options.events ?? ownTransport!;
  const servers: ServedEntry[] = [];
  let responseCache: RunningResponseCache | undefined;
  const serveOptions = (definition: SubgraphDefinition) => ({
    pool,
    logger: options.loggerFor(definition.name),
    port: 0,
    host,
    production,
    migrate: true,
    migrationPool: options.migrationPool,
    seedWhenEmpty: options.seedWhenEmpty,
    events,
    slowQueryMs: options.slowQueryMs,
  });
  const serve = async (definition: SubgraphDefinition, port: number) => {
    options.onProgress?.(`${definition.name}: migrating${options.seedWhenEmpty ? ', seeding' : ''} and starting`);
    const server = await serveSubgraph(definition, { ...serveOptions(definition), port });
    servers.push({ definition, server, stopped: false });
    return server.url;
  };
  const createMessaging = (catalogUrl: string) =>
    createMessagingSubgraph({ pool, identitySecret, catalogUrl, realtime: options.realtime, logger: options.loggerFor('messaging') });
  // Each gateway hears user deletions on the events, as a gateway process does (its own consumer group).
  const startGateway = async (subgraphUrls: SubgraphUrls, port: number, responseCache: GatewayServerOptions['responseCache']) => {
    const authenticate = createGatewayAuthenticate({
      session: options.clerk ?? developmentClerkSessionOptions(),
      identityUrl: subgraphUrls.identity,
      identitySecret,
      logger: options.loggerFor('gateway'),
      userCacheTtlMs: options.userCacheTtlMs,
      identityStaleIfErrorMs: options.identityStaleIfErrorMs,
    });
    const deletedUsers = startDeletedUserEviction({ events, forgetDeletedUser: authenticate.forgetDeletedUser, logger: options.loggerFor('gateway') });
    const server = await startGatewayServer({
      supergraphSdl: readSupergraphSdl(),
      subgraphUrls,
      identitySecret,
      production,
      authenticate,
      ...options.edge,
      hotPath: { ...DEFAULT_HOT_PATH, subgraphFetch: { ...DEFAULT_HOT_PATH.subgraphFetch, ...options.subgraphFetch } },
      responseCache,
      subscriptions: options.subscriptions,
      maxBodyBytes: options.maxBodyBytes ?? 100_000,
      port,
      host,
      logger: options.loggerFor('gateway'),
    }).catch(async (error: unknown) => {
      await deletedUsers.stop();
      throw error;
    });
    return {
      url: server.url,
      stop: async () => {
        await server.stop();
        await deletedUsers.stop();
      },
    };
  };
  const replicas: LocalReplica[] = [];
  try {
    const identityDefinition = createIdentitySubgraph({
      pool,
      identitySecret,
      clerkWebhookSigningSecret: options.clerkWebhookSigningSecret,
      logger: options.loggerFor('identity'),
    });
    const identity = await serve(identityDefinition as SubgraphDefinition, options.ports.identity);
    const catalog = await serve(createCatalogSubgraph({ pool, identitySecret, search: options.catalogSearch, logger: options.loggerFor('catalog') }) as SubgraphDefinition, options.ports.catalog);
    const commerce = await serve(
      createCommerceSubgraph({ pool, identitySecret, catalogUrl: catalog, logger: options.loggerFor('commerce'), realtime: options.realtime, ...options.commerce }) as SubgraphDefinition,
      options.ports.commerce,
    );
    const messaging = await serve(
      createMessaging(catalog) as SubgraphDefinition,
      options.ports.messaging,
    );
    const subgraphUrls: SubgraphUrls = { identity, catalog, commerce, messaging };
    options.onProgress?.('gateway: starting');
    if (options.responseCache) responseCache = await startResponseCache({ ...options.responseCache, events, logger: options.loggerFor('gateway') });
    const gateway = await startGateway(subgraphUrls, options.ports.gateway, responseCache?.store.cache);
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      events,
      responseCache: responseCache?.store,
      settleEvents: () => settleEvents(servers, events),
      async startReplica() {
        const definition = createMessaging(catalog);
        const server = await serveSubgraph(definition as SubgraphDefinition, { pool, logger: options.loggerFor('messaging'), port: 0, host, production, migrate: false, seedWhenEmpty: false, events, slowQueryMs: options.slowQueryMs });
        const replicaGateway = await startGateway({ ...subgraphUrls, messaging: server.url }, 0, responseCache?.store.cache).catch(async (error: unknown) => {
          await server.stop();
          await definition.close();
          throw error;
        });
        let stopped: Promise<void> | undefined;
        const replica: LocalReplica = {
          gatewayUrl: replicaGateway.url,
          messagingUrl: server.url,
          stop: () =>
            (stopped ??= (async () => {
              await replicaGateway.stop();
              await server.stop();
              await definition.close();
            })()),
        };
        replicas.push(replica);
        return replica;
      },
      stopSubgraph: async (name) => {
        const entry = servers.find(({ definition }) => definition.name === name);
        if (!entry || entry.stopped) return;
        entry.stopped = true;
        await entry.server.stop();
      },
      restartSubgraph: async (name) => {
        const entry = servers.find(({ definition }) => definition.name === name);
        if (!entry?.stopped) return;
        entry.server = await serveSubgraph(entry.definition, { ...serveOptions(entry.definition), port: Number(new URL(subgraphUrls[name]).port), seedWhenEmpty: false });
        entry.stopped = false;
      },
      stop: async () => {
        for (const replica of replicas) await replica.stop();
        await gateway.stop();
        // The purger is a consumer like the subgraphs': it stays until the events settled, or settling would wait on it.
        await settleEvents(servers, events);
        await responseCache?.stop();
        await stopAll(servers, ownTransport);
      },
    };
  } catch (error) {
    await responseCache?.stop();
    await stopAll(servers, ownTransport);
    throw error;
  }
}

/**
 * The in-process transport's log dies with the process: publish every outbox and let consumers catch up — their
 * handlers may publish in turn — until a round publishes nothing (bounded, so a failing handler cannot hang it).
 */
async function settleEvents(servers: Array<{ server: ServedSubgraph }>, events: EventTransport) {
  if (!events.settle) return;
  for (let round = 0; round < 5; round += 1) {
    const published = await Promise.all(servers.map(({ server }) => server.events?.flush().catch(() => 0) ?? 0));
    await events.settle(5_000);
    if (published.every((count) => count === 0)) return;
  }
}

async function stopAll(servers: ServedEntry[], ownTransport: EventTransport | undefined) {
  for (const { definition, server, stopped } of servers.reverse()) {
    if (!stopped) await server.stop();
    await definition.close();
  }
  await ownTransport?.close();
}
