import { createLogger } from '@threadly/logger';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessedEventPruner } from '../src/index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // As every subgraph's migration creates it.
  await database.pool.query(`CREATE SCHEMA pruned;
    CREATE TABLE pruned."ProcessedEvent" (consumer text NOT NULL, "eventId" uuid NOT NULL, "processedAt" timestamp(3) NOT NULL DEFAULT now(), PRIMARY KEY (consumer, "eventId"))`);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

const remaining = async () =>
  (await database.pool.query<{ consumer: string }>('SELECT consumer FROM pruned."ProcessedEvent" ORDER BY consumer')).rows.map((row) => row.consumer);

describe('processed-event pruner', () => {
  it('deletes the rows past the retention, in batches, and keeps the rest', async () => {
    // 12,000 rows eight days old (more than two batches), and three recent ones that can still stop a redelivery.
    await database.pool.query(`INSERT INTO pruned."ProcessedEvent" SELECT 'old', gen_random_uuid(), now() AT TIME ZONE 'UTC' - interval '8 days' FROM generate_series(1, 12000)`);
    await database.pool.query(`INSERT INTO pruned."ProcessedEvent" VALUES
      ('recent-1', gen_random_uuid(), now() AT TIME ZONE 'UTC' - interval '6 days'),
      ('recent-2', gen_random_uuid(), now() AT TIME ZONE 'UTC' - interval '1 hour'),
      ('recent-3', gen_random_uuid(), now() AT TIME ZONE 'UTC')`);
    const pruner = startProcessedEventPruner({ pool: database.pool, schema: 'pruned', logger: createLogger('pruner-test', 'silent'), firstPassAfterMs: 60_000 });
    try {
      expect(await pruner.prune()).toBe(12_000);
      expect(await remaining()).toEqual(['recent-1', 'recent-2', 'recent-3']);
      expect(await pruner.prune()).toBe(0);
    } finally {
      await pruner.stop();
    }
  });
});
