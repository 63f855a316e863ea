import SchemaBuilder from '@pothos/core';
import { subgraphBuilderOptions } from '@threadly/subgraph-runtime';
import type { CatalogContext } from './context.ts';

/** The catalog subgraph's Pothos builder. Types live in `schema/`, one per file. */
export const builder = new SchemaBuilder<{
  Context: CatalogContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>(subgraphBuilderOptions);
