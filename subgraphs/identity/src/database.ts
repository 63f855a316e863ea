import { createPrismaAdapter, type Pool } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type IdentityPrisma = PrismaClient;
export const IDENTITY_DB_SCHEMA = 'identity';

export const createIdentityPrisma = (pool: Pool): IdentityPrisma =>
  new PrismaClient({ adapter: createPrismaAdapter(pool, IDENTITY_DB_SCHEMA) });
