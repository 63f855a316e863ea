import { resolve } from 'node:path';
import { catalogSchema } from '@threadly/catalog';
import { commerceSchema } from '@threadly/commerce';
import { identitySchema } from '@threadly/identity';
import { messagingSchema } from '@threadly/messaging';
import { printSubgraphSdl } from '@threadly/subgraph-runtime';

/** Each subgraph's SDL as its code produces it now, and the file it is checked in as. */
export const subgraphSdlFromCode = () =>
  Object.entries({ identity: identitySchema, catalog: catalogSchema, commerce: commerceSchema, messaging: messagingSchema }).map(
    ([name, schema]) => ({
      name,
      file: resolve(import.meta.dirname, `../../subgraphs/${name}/schema.graphql`),
      sdl: printSubgraphSdl(schema),
    }),
  );
