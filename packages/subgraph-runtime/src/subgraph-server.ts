import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { createErrorFormatter, isDatabaseUnavailable } from '@threadly/errors';
import { createGraphQLRoutes, createHttpServer, listen, sendJson } from '@threadly/http-server';
import { apolloLogger, type Logger } from '@threadly/logger';
import { createMetricsRoute, operationMetricsPlugin, registerWebSocketGauges, renderRegistry } from '@threadly/metrics';
import type { Registry } from 'prom-client';
import { cacheTagsPlugin } from './cache-tags-plugin.ts';
import { DEFAULT_SLOW_QUERY_MS, registerQueryMetrics } from './metrics/query-metrics.ts';
import { createSubgraphMetricsRegistry, SUBGRAPH_METRIC_PREFIX } from './metrics/subgraph-metrics-registry.ts';
import { logRefusedSubgraphRequest, requestLogPlugin } from './request-log-plugin.ts';
import { isTracingEnabled } from '@threadly/tracing';
import { operationTracingPlugin, traceGraphQLOperations } from './operation-tracing.ts';
import type { SubgraphDefinition } from './subgraph-definition.ts';
import { serveSubscriptions, type SubscriptionServer } from './subscription-server.ts';

export interface SubgraphServerOptions {
  port: number;
  host?: string;
  production: boolean;
  logger: Logger;
  /** Liveness of what the subgraph depends on (its database), for `/ready`. */
  checkReady: () => Promise<void>;
  /** Database operations slower than this are counted and logged (SLOW_QUERY_MS); default 500. */
  slowQueryMs?: number;
  /** CPU, memory, event loop and GC in `/metrics`: once per process, not for every subgraph a test starts. */
  processMetrics?: boolean;
}

export interface SubgraphServer {
  /** `http://…/graphql`; subscriptions are served at the same path as `ws://…/graphql`. */
  url: string;
  /** The graphql-ws side, when the schema has a `Subscription` type. */
  subscriptions: SubscriptionServer | undefined;
  /** What `GET /metrics` renders; the runtime adds the outbox's metrics to it. */
  metrics: Registry;
  /** Completes subscriptions and closes their sockets, stops accepting connections and waits for in-flight requests. */
  stop(): Promise<void>;
}

export async function startSubgraphServer<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  { port, host, production, logger, checkReady, slowQueryMs = DEFAULT_SLOW_QUERY_MS, processMetrics }: SubgraphServerOptions,
): Promise<SubgraphServer> {
  const routes: Parameters<typeof createHttpServer>[0] = [];
  const metrics = createSubgraphMetricsRegistry(definition.name, { processMetrics });
  definition.queryTimings?.listen(registerQueryMetrics(metrics, { slowQueryMs, subgraph: definition.name, logger }));
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, 'unhandled request failure'));
  const apollo = new ApolloServer<Context>({
    schema: definition.schema,
    // Apollo's own messages (plugin warnings, shutdown notices) as JSON lines, not console text.
    logger: apolloLogger(logger),
    formatError: createErrorFormatter({ production, isDatabaseUnavailable, logUnexpected: (err) => logger.error({ err }, 'resolver failure') }),
    includeStacktraceInErrorResponses: !production,
    introspection: !production,
    // "Did you mean …?" suggestions would reveal the schema that introspection hides.
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    // Shutdown is orchestrated by the process (gateway first, then subgraphs, then the database); Apollo's own
    // signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      // First, so it times the whole request.
      operationMetricsPlugin<Context>({ registry: metrics, prefix: SUBGRAPH_METRIC_PREFIX }),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // Each response's policy from the @cacheControl hints it touched, as `Cache-Control`: the gateway merges the
      // subgraphs' headers into the policy its response cache uses (see gateway/src/plugins/response-cache.ts).
      ApolloServerPluginCacheControl({ calculateHttpHeaders: true, defaultMaxAge: 0 }),
      // The entities each response read, so the gateway can purge cached responses when one of them changes.
      ...(definition.cacheTagging === false ? [] : [cacheTagsPlugin<Context>(definition.cacheTagging)]),
      // Federated traces (ftv1) are only read by Apollo GraphOS, which this graph does not report to.
      ApolloServerPluginInlineTraceDisabled(),
      // One span per operation (name, type, error codes) when this process traces; see operation-tracing.ts.
      ...(isTracingEnabled() ? [operationTracingPlugin<Context>()] : []),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      requestLogPlugin<Context>(definition.name, logger),
    ],
  });
  await apollo.start();
  routes.push(
    ...traceGraphQLOperations(
      createGraphQLRoutes(apollo, {
        context: async (req, info) => {
          const startedAt = performance.now();
          try {
            return await definition.createContext({ headers: req.headers, requestId: info.requestId });
          } catch (error) {
            logRefusedSubgraphRequest(definition.name, logger, info.requestId, startedAt, error);
            throw error;
          }
        },
      }),
      definition.name,
    ),
    ...(definition.routes ?? []),
    createMetricsRoute(renderRegistry(metrics)),
    { method: 'GET', path: '/health', handler: (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }) },
    {
      method: 'GET',
      path: '/ready',
      handler: async (_req, res) => {
        try {
          await checkReady();
          sendJson(res, 200, { status: 'ready', subgraph: definition.name });
        } catch (error) {
          logger.warn({ err: error }, 'not ready');
          sendJson(res, 503, { status: 'unavailable', subgraph: definition.name, reason: 'database unreachable' });
        }
      },
    },
  );
  const subscriptions = subscriptionServer(server, definition, { production, logger });
  if (subscriptions) registerWebSocketGauges(metrics, SUBGRAPH_METRIC_PREFIX, subscriptions.counts);
  const url = await listen(server, port, host);
  return {
    url: `${url}/graphql`,
    subscriptions,
    metrics,
    stop: async () => {
      await subscriptions?.stop();
      await apollo.stop();
    },
  };
}

function subscriptionServer<Context extends BaseContext>(
  server: Parameters<typeof serveSubscriptions>[0],
  definition: SubgraphDefinition<Context>,
  options: { production: boolean; logger: Logger },
): SubscriptionServer | undefined {
  if (!definition.schema.getSubscriptionType()) return undefined;
  if (!definition.subscriptions) throw new Error(`${definition.name}: the schema has subscriptions but the definition has no \`subscriptions\` settings`);
  return serveSubscriptions(server, definition, { ...options, identitySecret: definition.subscriptions.identitySecret });
}
