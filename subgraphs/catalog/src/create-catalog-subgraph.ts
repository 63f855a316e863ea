import { fileURLToPath } from 'node:url';
import type { Pool } from '@threadly/database';
import { createOutboxSignal, defineEventConsumer } from '@threadly/events';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createCatalogContextFactory, type CatalogContext } from './context.ts';
import { CATALOG_DB_SCHEMA, createCatalogPrisma } from './database.ts';
import { createProductReservationRoutes } from './routes/product-reservation.routes.ts';
import { createCatalogEventConsumer } from './events/index.ts';
import { catalogSchema } from './schema/index.ts';
import { catalogHasData, seedCatalog } from './seed.ts';

export interface CatalogSubgraphOptions {
  pool: Pool;
  identitySecret: string;
}

/** Categories, listings and favorites: owns `Category` and `Product`, and adds listings and favorites to `User`. */
export function createCatalogSubgraph({ pool, identitySecret }: CatalogSubgraphOptions): SubgraphDefinition<CatalogContext> {
  const prisma = createCatalogPrisma(pool);
  // Publishes product.created / product.updated / product.status_changed, written with each change.
  const outbox = createOutboxSignal();
  return {
    name: 'catalog',
    schema: catalogSchema,
    databaseSchema: CATALOG_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createCatalogContextFactory(prisma, identitySecret, outbox),
    routes: createProductReservationRoutes(prisma, identitySecret),
    outbox: { signal: outbox },
    eventConsumer: defineEventConsumer(createCatalogEventConsumer(prisma)),
    hasData: () => catalogHasData(prisma),
    seedDemoData: (data) => seedCatalog(prisma, data),
    close: () => prisma.$disconnect(),
  };
}
