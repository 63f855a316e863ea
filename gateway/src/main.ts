import { loadConfigOrExit } from '@threadly/config';
import { createLogger } from '@threadly/logger';
import { loadGatewayEnv } from './env.ts';
import { startGatewayServer } from './gateway-server.ts';
import { subgraphUrlsFromEnv } from './subgraph-urls.ts';
import { readSupergraphSdl } from './supergraph-sdl.ts';

const env = loadConfigOrExit(() => loadGatewayEnv());
const logger = createLogger('gateway', env.LOG_LEVEL);
const gateway = await startGatewayServer({
  supergraphSdl: readSupergraphSdl(),
  subgraphUrls: subgraphUrlsFromEnv(env),
  identitySecret: env.IDENTITY_HEADER_SECRET,
  production: env.NODE_ENV === 'production',
  devImpersonation: env.DEV_IMPERSONATION,
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
    process.exit(0);
  });
}
