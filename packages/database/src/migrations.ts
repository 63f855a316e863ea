import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from './pool.ts';

export interface MigrationReport {
  schema: string;
  applied: string[];
  alreadyApplied: number;
}

// Prisma Migrate's own bookkeeping table, created the way `prisma migrate deploy` creates it, so that a
// database migrated here and one migrated by the Prisma CLI elsewhere agree on what has run.
const PRISMA_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Applies `<migrationsDir>/<timestamp>_<name>/migration.sql` folders in order into PostgreSQL schema `schema`,
 * each in its own transaction, recording them in `<schema>._prisma_migrations` with Prisma's checksum (SHA-256
 * of the file). An advisory lock makes concurrent starts of several replicas safe. A migration that was edited
 * after it ran is an error: silently diverging schemas are worse than a failed start. Unlike Prisma, each file
 * runs in a transaction, so a failure leaves nothing half-applied; a migration that must run outside one (Prisma
 * emits its own BEGIN/COMMIT when it removes an enum value) still runs, only without that guarantee.
 */
export async function applyMigrations(pool: Pool, schema: string, migrationsDir: string): Promise<MigrationReport> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const client = await pool.connect();
  const lockKey = `threadly:migrate:${schema}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    await client.query(PRISMA_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    for (const name of names) {
      const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = recorded.get(name);
      if (previous?.finished_at) {
        if (previous.checksum !== checksum) {
          throw new Error(`Migration ${schema}/${name} was edited after it was applied; add a new migration instead.`);
        }
        continue;
      }
      if (previous) {
        throw new Error(`Migration ${schema}/${name} failed earlier and is unresolved; fix the database, then delete its _prisma_migrations row.`);
      }
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${schema}/${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    return { schema, applied, alreadyApplied: names.length - applied.length };
  } finally {
    await client.query('RESET search_path').catch(() => undefined);
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    client.release();
  }
}
