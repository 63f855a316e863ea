import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, startEmbeddedPostgres, type Pool } from '@threadly/database';
import { testEnv } from './env.ts';

export interface TestDatabase {
  url: string;
  pool: Pool;
  /** 'postgres' for the machine's server, 'pglite' for the embedded fallback. */
  engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a new database on the server at `DATABASE_URL` (dropped on close),
 * or an in-memory PGlite when no server is configured. Tests never share state or see each other's rows.
 */
export async function createTestDatabase(serverUrl = testEnv().DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({});
    const pool = createPool(embedded.url, 1);
    return {
      url: embedded.url,
      pool,
      engine: 'pglite',
      close: async () => {
        await pool.end();
        await embedded.stop();
      },
    };
  }
  const name = `threadly_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 10);
  return {
    url: url.toString(),
    pool,
    engine: 'postgres',
    close: async () => {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
