import { loadConfigOrExit } from '@threadly/config';
import { createLogger } from '@threadly/logger';
import { runSubgraphProcess } from '@threadly/subgraph-runtime';
import { createIdentitySubgraph } from './create-identity-subgraph.ts';
import { loadIdentityEnv } from './env.ts';

const env = loadConfigOrExit(() => loadIdentityEnv());
await runSubgraphProcess({
  env,
  service: 'identity',
  port: env.IDENTITY_PORT,
  host: env.IDENTITY_HOST,
  create: (pool) =>
    createIdentitySubgraph({
      pool,
      identitySecret: env.IDENTITY_HEADER_SECRET,
      clerkWebhookSigningSecret: env.CLERK_WEBHOOK_SIGNING_SECRET,
      logger: createLogger('identity', env.LOG_LEVEL),
    }),
});
