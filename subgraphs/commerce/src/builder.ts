import SchemaBuilder from '@pothos/core';
import { subgraphBuilderOptions } from '@threadly/subgraph-runtime';
import type { CommerceContext } from './context.ts';

/** The commerce subgraph's Pothos builder. Types live in `schema/`, one per file. */
export const builder = new SchemaBuilder<{
  Context: CommerceContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>(subgraphBuilderOptions);
