import { createPrismaAdapter, timePrismaQueries, type Pool, type QueryTimings } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type IdentityPrisma = PrismaClient;
export const IDENTITY_DB_SCHEMA = 'identity';

/** With `timings`, every operation's duration is reported there (the subgraph's query metrics and slow-query log). */
export function createIdentityPrisma(pool: Pool, timings?: QueryTimings): IdentityPrisma {
  const client = new PrismaClient({ adapter: createPrismaAdapter(pool, IDENTITY_DB_SCHEMA) });
  return timings ? timePrismaQueries(client, timings) : client;
}
