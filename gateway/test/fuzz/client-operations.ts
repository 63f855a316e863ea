import { resolve } from 'node:path';
import { Kind, parse, type TypeNode } from 'graphql';
import { readManifest } from '../../src/plugins/persisted-operations-manifest.ts';

/** One operation a client really ships, with what its variables are declared as. */
export interface ClientOperation {
  client: 'web' | 'mobile' | 'partner';
  hash: string;
  document: string;
  variables: Array<{ name: string; type: string; required: boolean }>;
}

const clients = resolve(import.meta.dirname, '../../../clients');

const typeName = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : typeName(type.type));

/** Every operation of the three checked-in persisted-documents manifests (`npm run codegen`), in a stable order. */
export function clientOperations(): ClientOperation[] {
  return (['web', 'mobile', 'partner'] as const).flatMap((client) =>
    [...readManifest(resolve(clients, client, 'src/gql/persisted-documents.json'))]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([hash, document]) => {
        const operation = parse(document).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
        const variables = (operation?.variableDefinitions ?? []).map(({ variable, type, defaultValue }) => ({
          name: variable.name.value,
          type: typeName(type),
          required: type.kind === Kind.NON_NULL_TYPE && !defaultValue,
        }));
        return { client, hash, document, variables };
      }),
  );
}
