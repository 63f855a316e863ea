import SchemaBuilder from '@pothos/core';
import { subgraphBuilderOptions, viewerAuthScopes, type ViewerAuthContexts, type ViewerAuthScopes, type CacheControlDirectives } from '@threadly/subgraph-runtime';
import type { IdentityContext } from './context.ts';

/** The identity subgraph's Pothos builder. Types live in `schema/`, one per file. */
export const builder = new SchemaBuilder<{
  Context: IdentityContext;
  AuthScopes: ViewerAuthScopes;
  AuthContexts: ViewerAuthContexts<IdentityContext>;
  Directives: CacheControlDirectives;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({
  ...subgraphBuilderOptions,
  scopeAuth: { ...subgraphBuilderOptions.scopeAuth, authScopes: (context) => viewerAuthScopes(context.viewer) },
});
