import { createRedisStreamTransport } from '@threadly/events';
import { stopOnSignals } from '@threadly/http-server';
import { createLogger, type Logger } from '@threadly/logger';
import type { Tracing } from '@threadly/tracing';
import { startDeletedUserEviction } from './auth/deleted-user-eviction.ts';
import { gatewayAuthenticateFromEnv } from './auth/gateway-authenticate.ts';
import { startResponseCache } from './cache/start-response-cache.ts';
import { answerMetricsSnapshots, renderClusterMetrics } from './metrics/cluster-metrics.ts';
import { createGatewayMetricsRegistry } from './metrics/metrics-registry.ts';
import { edgeOptionsFromEnv } from './edge/edge-env.ts';
import { createGatewayRateLimit } from './edge/gateway-rate-limit.ts';
import type { GatewayEnv } from './env.ts';
import { startGatewayServer } from './gateway-server.ts';
import { createPersistedOperations } from './plugins/persisted-operations-env.ts';
import { hotPathOptionsFromEnv } from './hot-path-env.ts';
import { subgraphUrlsFromEnv } from './subgraph-urls.ts';
import { subscriptionSettingsFromEnv } from './subscriptions/subscription-settings.ts';
import { readSupergraphSdl } from './supergraph-sdl.ts';

/**
 * One gateway process serving HTTP: the whole gateway when it runs alone, or one node:cluster worker (`clustered`),
 * whose `/metrics` then reports the whole cluster. Stops gracefully on SIGTERM/SIGINT: no new connections,
 * requests in flight answered, then Redis connections closed and the last spans exported.
 */
export async function runGatewayProcess(env: GatewayEnv, logger: Logger, { clustered, tracing }: { clustered: boolean; tracing?: Tracing }) {
  const edge = edgeOptionsFromEnv(env);
  const rateLimit = await createGatewayRateLimit({ redisUrl: edge.redisUrl, limits: edge.rateLimits, logger });
  // The cache is only as correct as its purges: they come from the subgraphs' events, which reach a standalone
  // gateway through Redis Streams only. Without REDIS_URL it would serve changed listings for up to their maxAge.
  // Under node:cluster every worker's purger joins the same consumer group: each event purges the shared cache once.
  if (env.RESPONSE_CACHE_ENABLED && !edge.redisUrl) logger.warn("response cache off: it needs REDIS_URL to hear the subgraphs' change events");
  const events = edge.redisUrl ? createRedisStreamTransport({ url: edge.redisUrl, stream: env.EVENT_STREAM, logger: createLogger('events', env.LOG_LEVEL) }) : undefined;
  const responseCache = env.RESPONSE_CACHE_ENABLED && events ? await startResponseCache({ redisUrl: edge.redisUrl, events, logger }) : undefined;
  const authenticate = gatewayAuthenticateFromEnv(env, logger);
  // Deletions reach the remembered identity answers through the same events; without Redis only their TTL (and,
  // while identity is down, the stale bound) limits how long a deleted user's answer is used.
  if (!events) logger.warn('without REDIS_URL the gateway does not hear user deletions: a deleted user is refused once identity answers again');
  const deletedUsers = events ? startDeletedUserEviction({ events, forgetDeletedUser: authenticate.forgetDeletedUser, logger }) : undefined;
  const persistedOperations = await createPersistedOperations(env, { redisUrl: edge.redisUrl, logger });
  const metrics = createGatewayMetricsRegistry({ processMetrics: true });
  if (clustered) answerMetricsSnapshots(metrics);
  const gateway = await startGatewayServer({
    supergraphSdl: readSupergraphSdl(),
    subgraphUrls: subgraphUrlsFromEnv(env),
    identitySecret: env.IDENTITY_HEADER_SECRET,
    production: env.NODE_ENV === 'production',
    authenticate,
    enforceRateLimit: rateLimit.enforce,
    responseCache: responseCache?.store.cache,
    persistedOperations: persistedOperations.options,
    operationLimits: edge.operationLimits,
    corsOrigins: edge.corsOrigins,
    trustedProxyHops: edge.trustedProxyHops,
    hotPath: hotPathOptionsFromEnv(env),
    subscriptions: subscriptionSettingsFromEnv(env),
    metrics,
    renderMetrics: clustered ? renderClusterMetrics() : undefined,
    maxBodyBytes: env.MAX_BODY_BYTES,
    port: env.GATEWAY_PORT,
    host: env.GATEWAY_HOST,
    logger,
  });
  logger.info({ url: gateway.url }, 'gateway ready');
  // Ctrl-C signals the primary and every worker at once, and the primary then asks the workers too: stop once.
  stopOnSignals({
    logger,
    graceMs: env.SHUTDOWN_GRACE_MS,
    drainMs: env.SHUTDOWN_DRAIN_MS,
    message: 'draining requests, completing subscriptions',
    stop: async () => {
      await gateway.stop();
      await rateLimit.close();
      await responseCache?.stop();
      await deletedUsers?.stop();
      await events?.close();
      await persistedOperations.close();
      await tracing?.shutdown();
    },
  });
}
