import SchemaBuilder from '@pothos/core';
import { subgraphBuilderOptions, viewerAuthScopes, type ViewerAuthContexts, type ViewerAuthScopes, type CacheControlDirectives } from '@threadly/subgraph-runtime';
import type { CatalogContext } from './context.ts';

/** The catalog subgraph's Pothos builder. Types live in `schema/`, one per file. */
export const builder = new SchemaBuilder<{
  Context: CatalogContext;
  AuthScopes: ViewerAuthScopes;
  AuthContexts: ViewerAuthContexts<CatalogContext>;
  Directives: CacheControlDirectives;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({
  ...subgraphBuilderOptions,
  scopeAuth: { ...subgraphBuilderOptions.scopeAuth, authScopes: (context) => viewerAuthScopes(context.viewer) },
});
