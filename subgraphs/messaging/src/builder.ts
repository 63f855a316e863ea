import SchemaBuilder from '@pothos/core';
import { subgraphBuilderOptions } from '@threadly/subgraph-runtime';
import type { MessagingContext } from './context.ts';

/** The messaging subgraph's Pothos builder. Types live in `schema/`, one per file. */
export const builder = new SchemaBuilder<{
  Context: MessagingContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>(subgraphBuilderOptions);
