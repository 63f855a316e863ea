import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from './pool.ts';

/**
 * A Prisma driver adapter over a shared pool whose generated SQL is qualified with the subgraph's own schema,
 * so four subgraphs can share one database (and, embedded, one connection) without seeing each other's tables.
 */
export function createPrismaAdapter(pool: Pool, schema: string) {
  return new PrismaPg(pool, { schema, disposeExternalPool: false });
}
