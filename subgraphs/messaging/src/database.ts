import { createPrismaAdapter, timePrismaQueries, type Pool, type QueryTimings } from '@threadly/database';
import { PrismaClient } from './generated/prisma/client.ts';

export type MessagingPrisma = PrismaClient;
export const MESSAGING_DB_SCHEMA = 'messaging';

/** With `timings`, every operation's duration is reported there (the subgraph's query metrics and slow-query log). */
export function createMessagingPrisma(pool: Pool, timings?: QueryTimings): MessagingPrisma {
  const client = new PrismaClient({ adapter: createPrismaAdapter(pool, MESSAGING_DB_SCHEMA) });
  return timings ? timePrismaQueries(client, timings) : client;
}
