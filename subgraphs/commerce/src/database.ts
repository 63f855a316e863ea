import { createPrismaAdapter, timePrismaQueries, type Pool, type QueryTimings } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type CommercePrisma = PrismaClient;
export const COMMERCE_DB_SCHEMA = 'commerce';

/** With `timings`, every operation's duration is reported there (the subgraph's query metrics and slow-query log). */
export function createCommercePrisma(pool: Pool, timings?: QueryTimings): CommercePrisma {
  const client = new PrismaClient({ adapter: createPrismaAdapter(pool, COMMERCE_DB_SCHEMA) });
  return timings ? timePrismaQueries(client, timings) : client;
}
