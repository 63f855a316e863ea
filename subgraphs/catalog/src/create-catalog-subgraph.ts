import { fileURLToPath } from 'node:url';
import { createQueryTimings, type Pool } from '@threadly/database';
import { createOutboxSignal, defineEventConsumer } from '@threadly/events';
import { createLogger, type Logger } from '@threadly/logger';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createCatalogContextFactory, type CatalogContext } from './context.ts';
import { CATALOG_DB_SCHEMA, createCatalogPrisma } from './database.ts';
import { createProductReservationRoutes } from './routes/product-reservation.routes.ts';
import { createCatalogEventConsumer } from './events/index.ts';
import { createCatalogSearch, type CatalogSearchSettings } from './search/create-search.ts';
import { createSearchIndexerConsumer } from './search/indexer.ts';
import { catalogSchema } from './schema/index.ts';
import { catalogHasData, seedCatalog } from './seed.ts';

export interface CatalogSubgraphOptions {
  pool: Pool;
  identitySecret: string;
  /** Search engine and cache; PostgreSQL full-text and an in-process cache when absent. */
  search?: CatalogSearchSettings;
  logger?: Logger;
}

/** Rows per batch when the demo data is indexed after seeding. */
const SEED_INDEX_BATCH = 1_000;

/** Categories, listings and favorites: owns `Category` and `Product`, and adds listings and favorites to `User`. */
export function createCatalogSubgraph({ pool, identitySecret, search: searchSettings = {}, logger = createLogger('catalog', 'info') }: CatalogSubgraphOptions): SubgraphDefinition<CatalogContext> {
  const queryTimings = createQueryTimings();
  const prisma = createCatalogPrisma(pool, queryTimings);
  // Publishes product.created / product.updated / product.status_changed, written with each change.
  const outbox = createOutboxSignal();
  const search = createCatalogSearch(prisma, searchSettings, logger);
  return {
    name: 'catalog',
    schema: catalogSchema,
    queryTimings,
    databaseSchema: CATALOG_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createCatalogContextFactory(prisma, identitySecret, outbox, search.service),
    routes: createProductReservationRoutes(prisma, identitySecret),
    outbox: { signal: outbox },
    eventConsumer: defineEventConsumer(createCatalogEventConsumer(prisma)),
    // The search indexer is a consumer group of its own: the index catches up without holding up orders.
    extraEventConsumers: [defineEventConsumer(createSearchIndexerConsumer(search.engine, search.cache))],
    hasData: () => catalogHasData(prisma),
    async seedDemoData(data) {
      const seeded = await seedCatalog(prisma, data);
      // Seeding writes rows without events; the index is built from them directly.
      await search.engine.rebuild({ batchSize: SEED_INDEX_BATCH });
      return seeded;
    },
    close: async () => {
      await search.close();
      await prisma.$disconnect();
    },
  };
}
