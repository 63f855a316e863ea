export { createCatalogSubgraph, type CatalogSubgraphOptions } from './create-catalog-subgraph.ts';
export { catalogEnvShape, loadCatalogEnv } from './env.ts';
export { catalogSchema } from './schema/index.ts';
