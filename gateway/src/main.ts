import { loadConfigOrExit } from '@threadly/config';
import { createLogger } from '@threadly/logger';
import { createGatewayAuthenticate } from './auth/gateway-authenticate.ts';
import { createResponseCacheStore } from './cache/response-cache-store.ts';
import { clerkSessionOptionsFromEnv } from './auth/clerk-env.ts';
import { edgeOptionsFromEnv } from './edge/edge-env.ts';
import { createGatewayRateLimit } from './edge/gateway-rate-limit.ts';
import { loadGatewayEnv } from './env.ts';
import { startGatewayServer } from './gateway-server.ts';
import { subgraphUrlsFromEnv } from './subgraph-urls.ts';
import { readSupergraphSdl } from './supergraph-sdl.ts';
import { subscriptionSettingsFromEnv } from './subscriptions/subscription-settings.ts';

const env = loadConfigOrExit(() => loadGatewayEnv());
const logger = createLogger('gateway', env.LOG_LEVEL);
const edge = edgeOptionsFromEnv(env);
const rateLimit = await createGatewayRateLimit({ redisUrl: edge.redisUrl, limits: edge.rateLimits, logger });
const responseCache = env.RESPONSE_CACHE_ENABLED ? await createResponseCacheStore({ redisUrl: edge.redisUrl, logger }) : undefined;
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
  subscriptions: subscriptionSettingsFromEnv(env),
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
    await responseCache?.close();
    process.exit(0);
  });
}
