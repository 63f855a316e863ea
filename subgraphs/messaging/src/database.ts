import { createPrismaAdapter, type Pool } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type MessagingPrisma = PrismaClient;
export const MESSAGING_DB_SCHEMA = 'messaging';

export const createMessagingPrisma = (pool: Pool): MessagingPrisma =>
  new PrismaClient({ adapter: createPrismaAdapter(pool, MESSAGING_DB_SCHEMA) });
