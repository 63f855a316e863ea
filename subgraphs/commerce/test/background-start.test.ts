// Commerce's timers (Stripe event worker, reservation sweep) query its tables: they must not run before the runtime
// has migrated the schema and is serving, however long migrations take on a loaded machine ("StripeEvent does not
// exist"), and must not run after the subgraph stopped.
import { setTimeout as pause } from 'node:timers/promises';
import type pg from 'pg';
import { createLogger, memoryLogDestination } from '@threadly/logger';
import { serveSubgraph } from '@threadly/subgraph-runtime';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCommerceSubgraph } from '../src/create-commerce-subgraph.ts';
import { createCommercePrisma } from '../src/database.ts';

let database: TestDatabase;
/** The timers' statements (marked `/* background: … *\/`), in order. */
const background: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  database.pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
      if (text?.trim().startsWith('/* background:')) background.push(text);
      return query(...args);
    };
  });
});

afterAll(async () => {
  await database?.close();
});

describe('commerce background work', () => {
  it('starts only once the subgraph is migrated and serving, and stops with it', async () => {
    // Prisma's query engine loads on a client's first query (slow the first time): load it now, so the timers would
    // reach the database within the pause below if they ran.
    const warm = createCommercePrisma(database.pool);
    await warm.$queryRaw`SELECT 1`;
    await warm.$disconnect();
    const log = memoryLogDestination();
    const logger = createLogger('commerce', 'info', { destination: log });
    const definition = createCommerceSubgraph({ pool: database.pool, identitySecret: 'background-start-secret'.padEnd(40, 'x'), logger, sweepIntervalMs: 10 });
    // Many sweep intervals go by before migrations start, as when a loaded machine is slow to get there.
    await pause(300);
    expect(background).toEqual([]);

    const served = await serveSubgraph(definition, { pool: database.pool, logger, port: 0, production: false, migrate: true, seedWhenEmpty: false });
    await vi.waitFor(() => expect(background.some((text) => text.includes('reservation sweep'))).toBe(true), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(background.some((text) => text.includes('stripe events'))).toBe(true), { timeout: 10_000, interval: 50 });

    await served.stop();
    const afterStop = background.length;
    await pause(200);
    await definition.close();
    expect(background).toHaveLength(afterStop);
    expect(log.lines().filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  }, 30_000);
});
