// `npm run codegen`: for each client, typed documents from its .graphql operations and the supergraph's API schema
// (clients/schema.graphql, written by `npm run compose`), and its persisted-operations manifest
// (`src/gql/persisted-documents.json`: sha256 hash → document) that the gateway trusts. Output is checked in;
// test/codegen.test.ts fails when it is stale.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Where each client keeps its operations: mobile and partner in `operations/`, the web app beside its code. */
export const CLIENT_OPERATIONS = {
  mobile: 'clients/mobile/operations',
  partner: 'clients/partner/operations',
  web: 'clients/web/src/operations',
} as const;

export type ClientName = keyof typeof CLIENT_OPERATIONS;

const root = import.meta.dirname;

const sha256Hex = (document: string) => createHash('sha256').update(document).digest('hex');

const hasOperations = (folder: string) =>
  existsSync(resolve(root, folder)) && readdirSync(resolve(root, folder), { recursive: true }).some((file) => String(file).endsWith('.graphql'));

/** The clients that have operations (the web app's folder may not exist yet). */
export const CLIENTS = (Object.keys(CLIENT_OPERATIONS) as ClientName[]).filter((client) => hasOperations(CLIENT_OPERATIONS[client]));

const config: CodegenConfig = {
  schema: 'clients/schema.graphql',
  ignoreNoDocuments: false,
  generates: Object.fromEntries(
    CLIENTS.map((client) => [
      `clients/${client}/src/gql/`,
      {
        documents: [`${CLIENT_OPERATIONS[client]}/**/*.graphql`],
        preset: 'client',
        presetConfig: {
          fragmentMasking: false,
          // Apollo's APQ and the gateway's trusted documents both name an operation by the hex SHA-256 of its text
          // (the preset's 'sha256' would prefix "sha256:"); each generated document carries its hash
          // (`__meta__.hash`), which is what clients send instead of the query.
          persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: sha256Hex },
        },
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          scalars: { DateTime: 'string' },
          strictScalars: true,
        },
      },
    ]),
  ),
};

export default config;
