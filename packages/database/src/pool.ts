import pg from 'pg';

export type Pool = pg.Pool;

/**
 * One pg pool per process and database. `max` comes from config (DATABASE_POOL_SIZE); the embedded database
 * accepts a single session, so it is always 1 there and every subgraph in the process shares the pool.
 */
export function createPool(connectionString: string, max: number, onError?: (error: Error) => void): Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (PostgreSQL restarting) must not crash the process: pg replaces it.
  pool.on('error', (error) => onError?.(error));
  return pool;
}
