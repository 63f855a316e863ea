import { loadConfigOrExit } from '@threadly/config';
import { createLogger } from '@threadly/logger';
import { runSubgraphProcess } from '@threadly/subgraph-runtime';
import { commerceSettingsFromEnv, createCommerceSubgraph } from './create-commerce-subgraph.ts';
import { loadCommerceEnv } from './env.ts';

const env = loadConfigOrExit(() => loadCommerceEnv());
await runSubgraphProcess({
  env,
  service: 'commerce',
  port: env.COMMERCE_PORT,
  host: env.COMMERCE_HOST,
  create: (pool) =>
    createCommerceSubgraph({
      pool,
      identitySecret: env.IDENTITY_HEADER_SECRET,
      ...commerceSettingsFromEnv(env),
      logger: createLogger('commerce', env.LOG_LEVEL),
      realtime: { redisUrl: env.REDIS_URL },
    }),
});
