import { createPrismaAdapter, timePrismaQueries, type Pool, type QueryTimings } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type CatalogPrisma = PrismaClient;
export const CATALOG_DB_SCHEMA = 'catalog';

/** With `timings`, every operation's duration is reported there (the subgraph's query metrics and slow-query log). */
export function createCatalogPrisma(pool: Pool, timings?: QueryTimings): CatalogPrisma {
  const client = new PrismaClient({ adapter: createPrismaAdapter(pool, CATALOG_DB_SCHEMA) });
  return timings ? timePrismaQueries(client, timings) : client;
}
