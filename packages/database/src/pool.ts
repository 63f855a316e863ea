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
  // pg-pool listens for errors on idle clients only. A client checked out when the server goes away (the outbox
  // relay's transaction waiting on Redis, a migration holding its advisory lock) emits 'error' with no listener,
  // which would crash the process. Its user learns of the failure from its next query; the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
