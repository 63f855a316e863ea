// `npm run codegen`: typed documents for each client from its .graphql operations and the supergraph's API schema
// (clients/schema.graphql, written by `npm run compose`). Output is checked in; test/codegen.test.ts fails when stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

export const CLIENTS = ['mobile'] as const;

const config: CodegenConfig = {
  schema: 'clients/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    ...Object.fromEntries(
      CLIENTS.map((client) => [
        `clients/${client}/src/gql/`,
        {
          documents: [`clients/${client}/operations/**/*.graphql`],
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: {
            useTypeImports: true,
            enumsAsTypes: true,
            scalars: { DateTime: 'string' },
            strictScalars: true,
          },
        },
      ]),
    ),
    // The web app keeps its operations beside its source, where Vite serves them from.
    'clients/web/src/gql/': {
      documents: ['clients/web/src/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' }, strictScalars: true },
    },
  },
};

export default config;
