import { fileURLToPath } from 'node:url';
import type { Pool } from '@threadly/database';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createIdentityContextFactory, type IdentityContext } from './context.ts';
import { createIdentityPrisma, IDENTITY_DB_SCHEMA } from './database.ts';
import { identitySchema } from './schema/index.ts';
import { identityHasData, seedIdentity } from './seed.ts';

export interface IdentitySubgraphOptions {
  pool: Pool;
  identitySecret: string;
}

/** Users and profiles: owns `User`. */
export function createIdentitySubgraph({ pool, identitySecret }: IdentitySubgraphOptions): SubgraphDefinition<IdentityContext> {
  const prisma = createIdentityPrisma(pool);
  return {
    name: 'identity',
    schema: identitySchema,
    databaseSchema: IDENTITY_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createIdentityContextFactory(prisma, identitySecret),
    hasData: () => identityHasData(prisma),
    seedDemoData: (data) => seedIdentity(prisma, data),
    close: () => prisma.$disconnect(),
  };
}
