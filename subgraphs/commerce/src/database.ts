import { createPrismaAdapter, type Pool } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type CommercePrisma = PrismaClient;
export const COMMERCE_DB_SCHEMA = 'commerce';

export const createCommercePrisma = (pool: Pool): CommercePrisma =>
  new PrismaClient({ adapter: createPrismaAdapter(pool, COMMERCE_DB_SCHEMA) });
