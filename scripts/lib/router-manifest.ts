import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/** The client manifests the Node gateway trusts (hash → document text), written by `npm run codegen`. */
export const CLIENT_MANIFESTS = ['clients/web/src/gql/persisted-documents.json', 'clients/mobile/src/gql/persisted-documents.json', 'clients/partner/src/gql/persisted-documents.json'];
/** The same operations in the format Apollo Router's `persisted_queries.local_manifests` reads. */
export const ROUTER_MANIFEST_PATH = 'docs/router/persisted-query-manifest.json';

interface RouterManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }>;
}

/**
 * Our codegen manifests as one Router manifest: the ids stay the SHA-256 hashes clients already send, so the same
 * client builds work against either gateway. Sorted by id, so regenerating without changes gives the same bytes.
 */
export function routerManifestOf(root: string): RouterManifest {
  const byId = new Map<string, RouterManifest['operations'][number]>();
  for (const path of CLIENT_MANIFESTS) {
    const documents = JSON.parse(readFileSync(resolve(root, path), 'utf8')) as Record<string, string>;
    for (const [id, body] of Object.entries(documents)) {
      const operation = parse(body).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
      if (!operation) throw new Error(`${path}: ${id} holds no operation`);
      byId.set(id, { id, name: operation.name?.value ?? id, type: operation.operation, body });
    }
  }
  const operations = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}
