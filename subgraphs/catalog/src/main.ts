import { loadConfigOrExit } from '@threadly/config';
import { createLogger } from '@threadly/logger';
import { runSubgraphProcess } from '@threadly/subgraph-runtime';
import { createCatalogSubgraph } from './create-catalog-subgraph.ts';
import { catalogSearchSettingsFromEnv, loadCatalogEnv } from './env.ts';

const env = loadConfigOrExit(() => loadCatalogEnv());
await runSubgraphProcess({
  env,
  service: 'catalog',
  port: env.CATALOG_PORT,
  host: env.CATALOG_HOST,
  create: (pool) => createCatalogSubgraph({ pool, identitySecret: env.IDENTITY_HEADER_SECRET, search: catalogSearchSettingsFromEnv(env), logger: createLogger('catalog', env.LOG_LEVEL) }),
});
