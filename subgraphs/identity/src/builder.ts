import SchemaBuilder from '@pothos/core';
import { subgraphBuilderOptions } from '@threadly/subgraph-runtime';
import type { IdentityContext } from './context.ts';

/** The identity subgraph's Pothos builder. Types live in `schema/`, one per file. */
export const builder = new SchemaBuilder<{
  Context: IdentityContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>(subgraphBuilderOptions);
