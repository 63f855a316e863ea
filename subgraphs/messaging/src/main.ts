import { loadConfigOrExit } from '@threadly/config';
import { runSubgraphProcess } from '@threadly/subgraph-runtime';
import { createMessagingSubgraph } from './create-messaging-subgraph.ts';
import { loadMessagingEnv } from './env.ts';

const env = loadConfigOrExit(() => loadMessagingEnv());
await runSubgraphProcess({
  env,
  service: 'messaging',
  port: env.MESSAGING_PORT,
  host: env.MESSAGING_HOST,
  create: (pool) =>
    createMessagingSubgraph({ pool, identitySecret: env.IDENTITY_HEADER_SECRET, catalogUrl: env.CATALOG_SUBGRAPH_URL, realtime: { redisUrl: env.REDIS_URL } }),
});
