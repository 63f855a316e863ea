import { createPrismaAdapter, type Pool } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type CatalogPrisma = PrismaClient;
export const CATALOG_DB_SCHEMA = 'catalog';

export const createCatalogPrisma = (pool: Pool): CatalogPrisma =>
  new PrismaClient({ adapter: createPrismaAdapter(pool, CATALOG_DB_SCHEMA) });
