import { fileURLToPath } from 'node:url';
import type { Pool } from '@threadly/database';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createCommerceContextFactory, type CommerceContext } from './context.ts';
import { COMMERCE_DB_SCHEMA, createCommercePrisma } from './database.ts';
import { commerceSchema } from './schema/index.ts';
import { commerceHasData, seedCommerce } from './seed.ts';

export interface CommerceSubgraphOptions {
  pool: Pool;
  identitySecret: string;
}

/** Carts and orders: owns `Cart` and `Order`, and adds `orders` to `User`. */
export function createCommerceSubgraph({ pool, identitySecret }: CommerceSubgraphOptions): SubgraphDefinition<CommerceContext> {
  const prisma = createCommercePrisma(pool);
  return {
    name: 'commerce',
    schema: commerceSchema,
    databaseSchema: COMMERCE_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createCommerceContextFactory(prisma, identitySecret),
    hasData: () => commerceHasData(prisma),
    seedDemoData: (data) => seedCommerce(prisma, data),
    close: () => prisma.$disconnect(),
  };
}
