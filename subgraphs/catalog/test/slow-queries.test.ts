// Slow database operations through the real catalog subgraph: a request whose query waits on a table lock longer
// than SLOW_QUERY_MS is counted in `threadly_subgraph_slow_queries_total` with its model and operation, and logged
// once at warn with those tags and its duration, never its parameters.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { applyMigrations } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import { readSample } from '@threadly/metrics';
import { startSubgraphServer, type SubgraphServer } from '@threadly/subgraph-runtime';
import { createTestDatabase, serverUnavailableReason, type TestDatabase } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogEnv } from '../src/env.ts';
import { createCatalogSubgraph } from '../src/index.ts';

const SECRET = 'catalog-test-secret-at-least-32-characters-long';
// The lock needs a second session: PGlite (the embedded fallback) has one.
const skip = serverUnavailableReason('postgres');
// Lowered through the subgraph's own configuration, as an operator would.
const { SLOW_QUERY_MS } = loadCatalogEnv({ SLOW_QUERY_MS: '200' });

let database: TestDatabase;
let definition: ReturnType<typeof createCatalogSubgraph>;
let server: SubgraphServer;
const warnings: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase();
  await applyMigrations(database.pool, 'catalog', fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  definition = createCatalogSubgraph({ pool: database.pool, identitySecret: SECRET });
  await definition.seedDemoData(generateDemoData({ users: 3, products: 10 }));
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
  server = await startSubgraphServer(definition, { port: 0, production: false, logger, checkReady: async () => undefined, slowQueryMs: SLOW_QUERY_MS });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await definition?.close();
  await database?.close();
});

const scrape = async () => (await fetch(new URL('/metrics', server.url))).text();
const slowCategoryReads = (exposition: string) => readSample(exposition, 'threadly_subgraph_slow_queries_total', { subgraph: 'catalog', model: 'Category', operation: 'findMany' }) ?? 0;

describe('slow queries', () => {
  it.skipIf(skip !== null)(`counts and logs a query slower than SLOW_QUERY_MS with its model and operation${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    // A first request warms the client up (Prisma connects and loads its query compiler then); how long that takes
    // depends on the machine, so counts are taken from after it.
    const warmUp = await (await postQuery('query WarmUp { categories { slug } }')).json();
    expect(warmUp).toMatchObject({ data: { categories: expect.any(Array) } });
    const before = await scrape();
    const readsBefore = readSample(before, 'threadly_subgraph_db_query_duration_seconds_count', { subgraph: 'catalog', model: 'Category', operation: 'findMany' });
    expect(readsBefore).toBe(1);
    const slowBefore = slowCategoryReads(before);
    const linesBefore = warnings.length;

    // Another session holds the Category table: the subgraph's read waits on the lock, for real, until it commits.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "catalog"."Category" IN ACCESS EXCLUSIVE MODE');
      const answer = postQuery('query SlowCategories { categories { slug } }');
      await waitForLockWaiter(locker);
      await new Promise((resolve) => setTimeout(resolve, SLOW_QUERY_MS + 150));
      await locker.query('COMMIT');
      expect(await (await answer).json()).toMatchObject({ data: { categories: expect.any(Array) } });
    } finally {
      await locker.end();
    }

    const after = await scrape();
    expect(slowCategoryReads(after) - slowBefore).toBe(1);
    expect(readSample(after, 'threadly_subgraph_db_query_duration_seconds_count', { subgraph: 'catalog', model: 'Category', operation: 'findMany' })).toBe(2);
    const slow = warnings.slice(linesBefore).filter((line) => line.msg === 'slow query');
    expect(slow).toEqual([
      expect.objectContaining({ level: 40, subgraph: 'catalog', model: 'Category', operation: 'findMany', thresholdMs: SLOW_QUERY_MS, failed: false }),
    ]);
    expect(slow[0]!.durationMs).toBeGreaterThan(SLOW_QUERY_MS);
    // Tags and duration only: no SQL, no arguments.
    expect(Object.keys(slow[0]!).sort()).toEqual(['durationMs', 'failed', 'level', 'model', 'msg', 'operation', 'subgraph', 'thresholdMs', 'time', 'hostname', 'pid'].sort());
  });
});

function postQuery(query: string) {
  return fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
}

/** Until a session of this database waits on a lock (bounded: the request must have reached the database by then). */
async function waitForLockWaiter(client: pg.Client) {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const { rows } = await client.query<{ waiting: number }>(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if (rows[0]!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the request never reached the locked table');
}
