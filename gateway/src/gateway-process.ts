import type { Logger } from '@threadly/logger';
import { createGatewayAuthenticate } from './auth/gateway-authenticate.ts';
import { clerkSessionOptionsFromEnv } from './auth/clerk-env.ts';
import { createResponseCacheStore } from './cache/response-cache-store.ts';
import { answerMetricsSnapshots, renderClusterMetrics } from './metrics/cluster-metrics.ts';
import { createMetricsRegistry } from './metrics/metrics-registry.ts';
import { edgeOptionsFromEnv } from './edge/edge-env.ts';
import { createGatewayRateLimit } from './edge/gateway-rate-limit.ts';
import type { GatewayEnv } from './env.ts';
import { startGatewayServer } from './gateway-server.ts';
import { hotPathOptionsFromEnv } from './hot-path-env.ts';
import { subgraphUrlsFromEnv } from './subgraph-urls.ts';
import { readSupergraphSdl } from './supergraph-sdl.ts';

/**
 * One gateway process serving HTTP: the whole gateway when it runs alone, or one node:cluster worker (`clustered`),
 * whose `/metrics` then reports the whole cluster. Stops gracefully on SIGTERM/SIGINT: no new connections,
 * requests in flight answered, then Redis connections closed.
 */
export async function runGatewayProcess(env: GatewayEnv, logger: Logger, { clustered }: { clustered: boolean }) {
  const edge = edgeOptionsFromEnv(env);
  const rateLimit = await createGatewayRateLimit({ redisUrl: edge.redisUrl, limits: edge.rateLimits, logger });
  const responseCache = env.RESPONSE_CACHE_ENABLED ? await createResponseCacheStore({ redisUrl: edge.redisUrl, logger }) : undefined;
  const metrics = createMetricsRegistry({ processMetrics: true });
  if (clustered) answerMetricsSnapshots(metrics);
  const gateway = await startGatewayServer({
    supergraphSdl: readSupergraphSdl(),
    subgraphUrls: subgraphUrlsFromEnv(env),
    identitySecret: env.IDENTITY_HEADER_SECRET,
    production: env.NODE_ENV === 'production',
    authenticate: createGatewayAuthenticate({
      session: clerkSessionOptionsFromEnv(env),
      identityUrl: env.IDENTITY_URL,
      identitySecret: env.IDENTITY_HEADER_SECRET,
      logger,
    }),
    enforceRateLimit: rateLimit.enforce,
    responseCache: responseCache?.cache,
    operationLimits: edge.operationLimits,
    corsOrigins: edge.corsOrigins,
    trustedProxyHops: edge.trustedProxyHops,
    hotPath: hotPathOptionsFromEnv(env),
    metrics,
    renderMetrics: clustered ? renderClusterMetrics() : undefined,
    maxBodyBytes: env.MAX_BODY_BYTES,
    port: env.GATEWAY_PORT,
    host: env.GATEWAY_HOST,
    logger,
  });
  logger.info({ url: gateway.url }, 'gateway ready');
  let stopping = false;
  const stop = async (signal: string) => {
    // Ctrl-C signals the primary and every worker at once, and the primary then asks the workers too.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await gateway.stop();
    await rateLimit.close();
    await responseCache?.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
}
