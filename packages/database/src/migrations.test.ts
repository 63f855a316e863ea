import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { applyMigrations } from './migrations.ts';

let database: TestDatabase;
let dir: string;

async function addMigration(name: string, sql: string) {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'migration.sql'), sql);
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'threadly-migrations-'));
});
afterAll(() => database?.close());

describe('applyMigrations', () => {
  it('applies pending migrations in order into the given schema and records them as Prisma does', async () => {
    await addMigration('20260101000000_init', 'CREATE TABLE "Thing" ("id" INTEGER PRIMARY KEY);');
    await addMigration('20260102000000_name', 'ALTER TABLE "Thing" ADD COLUMN "name" TEXT;');
    const report = await applyMigrations(database.pool, 'things', dir);
    expect(report).toEqual({ schema: 'things', applied: ['20260101000000_init', '20260102000000_name'], alreadyApplied: 0 });
    const { rows } = await database.pool.query(
      'SELECT migration_name, length(checksum) AS checksum_length, applied_steps_count FROM things."_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows).toEqual([
      { migration_name: '20260101000000_init', checksum_length: 64, applied_steps_count: 1 },
      { migration_name: '20260102000000_name', checksum_length: 64, applied_steps_count: 1 },
    ]);
    await database.pool.query('INSERT INTO things."Thing" (id, name) VALUES (1, $1)', ['a']);
  });

  it('does nothing the second time', async () => {
    expect(await applyMigrations(database.pool, 'things', dir)).toEqual({ schema: 'things', applied: [], alreadyApplied: 2 });
  });

  it('rolls back a failing migration completely and names it', async () => {
    await addMigration('20260103000000_broken', 'CREATE TABLE "Half" ("id" INTEGER); SELECT no_such_function();');
    await expect(applyMigrations(database.pool, 'things', dir)).rejects.toThrow(/things\/20260103000000_broken failed/);
    const { rows } = await database.pool.query("SELECT to_regclass('things.\"Half\"') AS half");
    expect(rows[0].half).toBeNull();
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const other = await mkdtemp(join(tmpdir(), 'threadly-migrations-'));
    await mkdir(join(other, '20260101000000_init'));
    await writeFile(join(other, '20260101000000_init', 'migration.sql'), 'CREATE TABLE "Thing" ("id" BIGINT PRIMARY KEY);');
    await expect(applyMigrations(database.pool, 'things', other)).rejects.toThrow(/was edited after it was applied/);
  });
});
