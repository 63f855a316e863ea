import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { validationErrorToGraphQL } from '@threadly/errors';
import type { CatalogContext } from './context.ts';

/** The catalog subgraph's Pothos builder. Types live in `schema/`, one per file. */
export const builder = new SchemaBuilder<{
  Context: CatalogContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({
  // Federation last: it must see resolvers after other plugins have wrapped them.
  plugins: [DirectivesPlugin, RelayPlugin, ValidationPlugin, FederationPlugin],
  defaultFieldNullability: false,
  relay: { clientMutationId: 'omit', cursorType: 'String', nodeQueryOptions: false, nodesQueryOptions: false, pageInfoTypeOptions: { shareable: true } },
  validation: { validationError: validationErrorToGraphQL },
});
