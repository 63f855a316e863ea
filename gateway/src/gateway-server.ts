import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createErrorFormatter } from '@threadly/errors';
import { createGraphQLRoutes, createHttpServer, listen, sendJson, type HttpRoute } from '@threadly/http-server';
import { apolloLogger, type Logger } from '@threadly/logger';
import { corsHook } from './edge/cors-hook.ts';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, type OperationLimits } from './edge/operation-limits.ts';
import type { ResponseCache } from './cache/response-cache-store.ts';
import type { GatewayContext } from './gateway-context.ts';
import { createGatewayPlugins } from './plugins/index.ts';
import { APQ_TTL_SECONDS } from './plugins/persisted-operations-apq-cache.ts';
import type { PersistedOperationsOptions } from './plugins/persisted-operations-env.ts';
import { createClientIpResolver } from './edge/client-ip.ts';
import { createRequestContextFactory, type Authenticate, type EnforceRateLimit } from './request-context.ts';
import { logMalformedRequest, logRefusedRequest } from './request-log/refused-request-log.ts';
import type { ValidationRule } from 'graphql';
import { checkSubgraphs } from './readiness.ts';
import { disableApolloUsageTelemetry } from './env.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import { createWebhookForwardingRoute, STRIPE_WEBHOOK_HEADERS } from './webhook-forwarding.ts';
import type { SubgraphUrls } from './subgraph-urls.ts';
import type { Registry } from 'prom-client';
import { createMetricsRoute, operationMetricsPlugin, registerWebSocketGauges, renderRegistry, type RenderMetrics } from '@threadly/metrics';
import type { HotPathOptions } from './hot-path-env.ts';
import { registerCacheMetrics } from './metrics/cache-metrics.ts';
import { createGatewayMetricsRegistry, METRIC_PREFIX } from './metrics/metrics-registry.ts';
import { registerResponseCachePurgeMetrics } from './metrics/response-cache-purge-metrics.ts';
import { registerSubgraphCircuitMetrics } from './metrics/subgraph-circuit-metrics.ts';
import { registerSubgraphFetchMetrics } from './metrics/subgraph-fetch-metrics.ts';
import { createOperationCaches, DEFAULT_OPERATION_CACHE_SIZES } from './operation-cache/operation-caches.ts';
import { createSubgraphFetchers, DEFAULT_SUBGRAPH_FETCH_OPTIONS } from './subgraph-fetch/subgraph-fetchers.ts';
import { startSubscriptionServer } from './subscriptions/subscription-server.ts';
import { DEFAULT_SUBSCRIPTION_SETTINGS, type SubscriptionSettings } from './subscriptions/subscription-settings.ts';

export interface GatewayServerOptions {
  /** Who each request comes from (Clerk sign-in, `createClerkAuthenticate`); defaults to everyone anonymous. */
  authenticate?: Authenticate;
  /** How many reverse proxies in front of the gateway append to X-Forwarded-For (0: clients connect directly). */
  trustedProxyHops?: number;
  /** Rejects principals over their limit; defaults to no limit. */
  enforceRateLimit?: EnforceRateLimit;
  /** Largest operation accepted (depth, aliases, root fields, directives, tokens); defaults to DEFAULT_OPERATION_LIMITS. */
  operationLimits?: OperationLimits;
  /** Extra GraphQL validation rules, besides the operation limits. */
  validationRules?: ValidationRule[];
  /** Browser origins allowed cross-origin (CORS, with credentials); defaults to none. */
  corsOrigins?: readonly string[];
  /**
   * Caches whole query responses by the subgraphs' cache hints (`startResponseCache`, whose purger must consume the
   * subgraphs' events); absent: no response cache.
   */
  responseCache?: ResponseCache;
  /** Cache sizes, subgraph connections and dedupe, compression threshold (`hotPathOptionsFromEnv`); defaults as documented. */
  hotPath?: HotPathOptions;
  /** Where the gateway's metrics are registered; defaults to a registry of its own. */
  metrics?: Registry;
  /** What `GET /metrics` answers; defaults to `metrics` rendered (under node:cluster: every worker's, summed). */
  renderMetrics?: RenderMetrics;
  /** Limits of the WebSocket subscription endpoint; defaults to DEFAULT_SUBSCRIPTION_SETTINGS. */
  subscriptions?: Partial<SubscriptionSettings>;
  /** Trusted documents for partners and the first-party mode (`createPersistedOperations`); absent: anything runs, APQ in memory. */
  persistedOperations?: PersistedOperationsOptions;
  supergraphSdl: string;
  subgraphUrls: SubgraphUrls;
  identitySecret: string;
  production: boolean;
  maxBodyBytes: number;
  port: number;
  host?: string;
  logger: Logger;
}

export interface GatewayServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** This process's metrics (what a cluster worker reports to the primary). */
  metrics: Registry;
  stop(): Promise<void>;
}

export const DEFAULT_HOT_PATH: HotPathOptions = {
  operationCaches: DEFAULT_OPERATION_CACHE_SIZES,
  subgraphFetch: DEFAULT_SUBGRAPH_FETCH_OPTIONS,
  compressionMinBytes: 1024,
};

/** The public entry point: the composed supergraph over HTTP, plus `/health` and `/ready`. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger, production, subgraphUrls } = options;
  const routes: HttpRoute[] = [];
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, 'unhandled request failure'), {
    beforeRoutes: corsHook(options.corsOrigins ?? []),
  });
  const operationLimits = options.operationLimits ?? DEFAULT_OPERATION_LIMITS;
  const hotPath = options.hotPath ?? DEFAULT_HOT_PATH;
  const metrics = options.metrics ?? createGatewayMetricsRegistry();
  const cacheMetrics = registerCacheMetrics(metrics);
  if (options.responseCache) registerResponseCachePurgeMetrics(metrics);
  const { documentStore, queryPlanCache } = createOperationCaches(hotPath.operationCaches, cacheMetrics);
  const fetchers = createSubgraphFetchers(hotPath.subgraphFetch, {
    fetches: registerSubgraphFetchMetrics(metrics),
    circuits: registerSubgraphCircuitMetrics(metrics),
  });
  disableApolloUsageTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: apolloLogger(logger),
    queryPlannerConfig: { cache: queryPlanCache },
    buildService: ({ name, url }) =>
      new SubgraphDataSource(subgraphUrls[name as keyof SubgraphUrls] ?? url ?? '', options.identitySecret, fetchers.fetcherFor(name), name),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Apollo's own messages (plugin warnings, the response cache's failed purges) as JSON lines, not console text.
    logger: apolloLogger(logger),
    documentStore,
    formatError: createErrorFormatter({ production, logUnexpected: (err) => logger.error({ err }, 'request failure') }),
    includeStacktraceInErrorResponses: !production,
    introspection: !production,
    // "Did you mean …?" suggestions would reveal the schema that introspection hides.
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    // The lexer stops at the token limit, before a huge document is ever built (see plugins/token-limit-message-plugin.ts).
    parseOptions: { maxTokens: operationLimits.tokens },
    validationRules: [...operationLimitRules(operationLimits), ...(options.validationRules ?? [])],
    // A JSON array of operations would multiply every per-request limit above; clients send one operation per request.
    allowBatchedHttpRequests: false,
    // Shutdown is orchestrated by the process (gateway first, then subgraphs, then the database); Apollo's own
    // signal handlers would race it.
    stopOnTerminationSignals: false,
    persistedQueries: apqOption(options.persistedOperations),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ...createGatewayPlugins({
        production,
        maxTokens: operationLimits.tokens,
        responseCache: options.responseCache,
        persistedOperations: options.persistedOperations,
        logger,
        operationMetrics: operationMetricsPlugin<GatewayContext>({ registry: metrics, prefix: METRIC_PREFIX }),
        onResponseCacheStatus: cacheMetrics.responseStatus,
      }),
    ],
  });
  await apollo.start();
  const authenticate: Authenticate = options.authenticate ?? (async (_req, ip) => ({ kind: 'anonymous', ip }));
  const createContext = createRequestContextFactory(
    authenticate,
    options.enforceRateLimit ?? (async () => undefined),
    createClientIpResolver(options.trustedProxyHops ?? 0),
  );
  // HTTP requests refused at sign-in or rate limit get their log line; a WebSocket connection_init logs its own.
  const createHttpContext = createRequestContextFactory(
    authenticate,
    options.enforceRateLimit ?? (async () => undefined),
    createClientIpResolver(options.trustedProxyHops ?? 0),
    logRefusedRequest(logger),
  );
  const subscriptions = startSubscriptionServer({
    server,
    path: '/graphql',
    supergraphSdl: options.supergraphSdl,
    subgraphUrls: { ...subgraphUrls },
    fetcherFor: (subgraph) => fetchers.fetcherFor(subgraph),
    identitySecret: options.identitySecret,
    createContext,
    authenticate,
    operationLimits,
    maxPayloadBytes: options.maxBodyBytes,
    settings: { ...DEFAULT_SUBSCRIPTION_SETTINGS, ...options.subscriptions },
    production,
    logger,
  });
  registerWebSocketGauges(metrics, METRIC_PREFIX, subscriptions.counts);
  routes.push(
    ...createGraphQLRoutes(apollo, {
      maxBodyBytes: options.maxBodyBytes,
      compression: { minBytes: hotPath.compressionMinBytes },
      context: createHttpContext,
      onRefused: logMalformedRequest(logger),
    }),
    createWebhookForwardingRoute({ path: '/webhooks/clerk', target: new URL('/webhooks/clerk', subgraphUrls.identity).toString(), logger }),
    createWebhookForwardingRoute({
      path: '/webhooks/stripe',
      target: new URL('/webhooks/stripe', subgraphUrls.commerce).toString(),
      headers: STRIPE_WEBHOOK_HEADERS,
      logger,
    }),
    createMetricsRoute(options.renderMetrics ?? renderRegistry(metrics)),
    { method: 'GET', path: '/health', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/ready',
      handler: async (_req, res) => {
        const subgraphs = await checkSubgraphs(subgraphUrls, fetchers.circuitStates());
        const ready = subgraphs.every((subgraph) => subgraph.ready);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', subgraphs });
      },
    },
  );
  const base = await listen(server, options.port, options.host);
  return {
    url: `${base}/graphql`,
    metrics,
    // Subscriptions first: open WebSockets would otherwise keep the HTTP server from closing.
    stop: async () => {
      await subscriptions.stop();
      await apollo.stop();
      await fetchers.close();
    },
  };
}

/** APQ: off in safelist mode (nothing may be registered), else in the given cache; Apollo's in-memory default without options. */
function apqOption(persisted: PersistedOperationsOptions | undefined) {
  if (!persisted) return undefined;
  if (persisted.firstPartyMode === 'safelist') return false;
  return persisted.apqCache ? { cache: persisted.apqCache, ttl: APQ_TTL_SECONDS } : { ttl: APQ_TTL_SECONDS };
}
