export { createCatalogSubgraph, type CatalogSubgraphOptions } from './create-catalog-subgraph.ts';
export { catalogEnvShape, catalogSearchSettingsFromEnv, loadCatalogEnv } from './env.ts';
export type { CatalogSearchSettings } from './search/create-search.ts';
export { catalogSchema } from './schema/index.ts';
