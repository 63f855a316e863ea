import { loadConfigOrExit } from '@threadly/config';
import { createRedisStreamTransport } from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { createGatewayAuthenticate } from './auth/gateway-authenticate.ts';
import { startResponseCache } from './cache/start-response-cache.ts';
import { clerkSessionOptionsFromEnv } from './auth/clerk-env.ts';
import { edgeOptionsFromEnv } from './edge/edge-env.ts';
import { createGatewayRateLimit } from './edge/gateway-rate-limit.ts';
import { loadGatewayEnv } from './env.ts';
import { startGatewayServer } from './gateway-server.ts';
import { subgraphUrlsFromEnv } from './subgraph-urls.ts';
import { readSupergraphSdl } from './supergraph-sdl.ts';

const env = loadConfigOrExit(() => loadGatewayEnv());
const logger = createLogger('gateway', env.LOG_LEVEL);
const edge = edgeOptionsFromEnv(env);
const rateLimit = await createGatewayRateLimit({ redisUrl: edge.redisUrl, limits: edge.rateLimits, logger });
// The cache is only as correct as its purges: they come from the subgraphs' events, which reach a standalone
// gateway through Redis Streams only. Without REDIS_URL it would serve changed listings for up to their maxAge.
if (env.RESPONSE_CACHE_ENABLED && !edge.redisUrl) logger.warn('response cache off: it needs REDIS_URL to hear the subgraphs\' change events');
const cacheEvents = env.RESPONSE_CACHE_ENABLED && edge.redisUrl ? createRedisStreamTransport({ url: edge.redisUrl, logger: createLogger('events', env.LOG_LEVEL) }) : undefined;
const responseCache = cacheEvents ? await startResponseCache({ redisUrl: edge.redisUrl, events: cacheEvents, logger }) : undefined;
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
  responseCache: responseCache?.store.cache,
  operationLimits: edge.operationLimits,
  corsOrigins: edge.corsOrigins,
  trustedProxyHops: edge.trustedProxyHops,
  maxBodyBytes: env.MAX_BODY_BYTES,
  port: env.GATEWAY_PORT,
  host: env.GATEWAY_HOST,
  logger,
});
logger.info({ url: gateway.url }, 'gateway ready');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down');
    await gateway.stop();
    await rateLimit.close();
    await responseCache?.stop();
    await cacheEvents?.close();
    process.exit(0);
  });
}
