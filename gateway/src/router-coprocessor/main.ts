// The Apollo Router coprocessor as a process of its own, beside the Router (README, "Serving the graph with Apollo
// Router"): the gateway's configuration (Clerk, IDENTITY_URL, IDENTITY_HEADER_SECRET, REDIS_URL, rate limits) plus
// ROUTER_COPROCESSOR_PORT. `npm run router:coprocessor`.
import { loadConfigOrExit } from '@threadly/config';
import { createRedisStreamTransport } from '@threadly/events';
import { stopOnSignals } from '@threadly/http-server';
import { createLogger } from '@threadly/logger';
import { startDeletedUserEviction } from '../auth/deleted-user-eviction.ts';
import { gatewayAuthenticateFromEnv } from '../auth/gateway-authenticate.ts';
import { edgeOptionsFromEnv } from '../edge/edge-env.ts';
import { createGatewayRateLimit } from '../edge/gateway-rate-limit.ts';
import { loadGatewayEnv } from '../env.ts';
import { startRouterCoprocessor } from './coprocessor-server.ts';

const env = loadConfigOrExit(() => loadGatewayEnv());
const logger = createLogger('router-coprocessor', env.LOG_LEVEL);
const edge = edgeOptionsFromEnv(env);
const rateLimit = await createGatewayRateLimit({ redisUrl: edge.redisUrl, limits: edge.rateLimits, logger });
const authenticate = gatewayAuthenticateFromEnv(env, logger);
// As in the gateway: a deleted user's remembered answers are marked deleted as soon as identity announces it.
const events = edge.redisUrl ? createRedisStreamTransport({ url: edge.redisUrl, stream: env.EVENT_STREAM, logger }) : undefined;
const deletedUsers = events ? startDeletedUserEviction({ events, forgetDeletedUser: authenticate.forgetDeletedUser, logger }) : undefined;
const coprocessor = await startRouterCoprocessor({
  authenticate,
  enforceRateLimit: rateLimit.enforce,
  identitySecret: env.IDENTITY_HEADER_SECRET,
  trustedProxyHops: edge.trustedProxyHops,
  logger,
  port: env.ROUTER_COPROCESSOR_PORT,
  host: env.GATEWAY_HOST,
});
stopOnSignals({
  logger,
  graceMs: env.SHUTDOWN_GRACE_MS,
  drainMs: env.SHUTDOWN_DRAIN_MS,
  message: 'answering the Router requests in flight',
  stop: async () => {
    await coprocessor.stop();
    await deletedUsers?.stop();
    await events?.close();
    await rateLimit.close();
  },
});
