// Graceful shutdown publishes the outbox: rows committed while the relay sleeps (no wake-up signal, a poll interval
// far beyond the test) are all published by `stop()`, each exactly once, and marked published. Real PostgreSQL.
import type pg from 'pg';
import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { DomainEvent } from '@threadly/event-contracts';
import { createMemoryEventTransport, type EventTransport } from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveSubgraph } from './serve-subgraph.ts';
import type { SubgraphDefinition } from './subgraph-definition.ts';

const SCHEMA = 'flushing';
let database: TestDatabase;
/** The relay's statements that have completed, in order (it marks them `/* background: outbox relay *\/`). */
const relayStatements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  database.pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = async (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
      const result = await query(...args);
      if (text?.includes('background: outbox relay')) relayStatements.push(text);
      return result;
    };
  });
  // The columns every subgraph's outbox migration creates.
  await database.pool.query(`CREATE SCHEMA ${SCHEMA};
    CREATE TABLE ${SCHEMA}."OutboxEvent" (id uuid PRIMARY KEY, type text NOT NULL, version int NOT NULL, "aggregateId" text NOT NULL,
      payload jsonb NOT NULL, "occurredAt" timestamp(3) NOT NULL, "publishedAt" timestamp(3), traceparent text, tracestate text)`);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

/** A subgraph with an outbox and nothing else; no `signal`, so nothing wakes its relay after a commit. */
const definition: SubgraphDefinition = {
  name: 'flushing',
  schema: new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', description: 'Test root.', fields: { ok: { type: GraphQLBoolean } } }) }),
  databaseSchema: SCHEMA,
  migrationsDir: '/nonexistent',
  createContext: async () => ({}),
  outbox: {},
  hasData: async () => true,
  seedDemoData: async () => ({ rows: 0 }),
  close: async () => undefined,
};

describe('serveSubgraph(...).stop()', () => {
  it('publishes every committed outbox row the relay had not published yet, once each, and marks them', async () => {
    const memory = createMemoryEventTransport();
    const published: string[] = [];
    let stopping = false;
    const publishedBeforeStop: string[] = [];
    const transport: EventTransport = {
      ...memory,
      publish: async (events: DomainEvent[]) => {
        for (const event of events) (stopping ? published : publishedBeforeStop).push(event.id);
        await memory.publish(events);
      },
    };
    const served = await serveSubgraph(definition, {
      pool: database.pool,
      logger: createLogger('flushing', 'silent'),
      port: 0,
      production: false,
      migrate: false,
      seedWhenEmpty: false,
      events: transport,
      // Far beyond the test: after its first look at the empty outbox the relay sleeps until stopped.
      outboxRelay: { pollIntervalMs: 600_000 },
    });
    // Its first round ends with the prune; from then on it sleeps.
    await vi.waitFor(() => expect(relayStatements.some((text) => text.includes('DELETE FROM'))).toBe(true), { timeout: 10_000, interval: 20 });

    // More than one batch (100 by default), committed as a subgraph's transactions would.
    const { rows } = await database.pool.query<{ id: string }>(
      `INSERT INTO ${SCHEMA}."OutboxEvent" (id, type, version, "aggregateId", payload, "occurredAt")
       SELECT gen_random_uuid(), 'test.happened', 1, 'a' || n, jsonb_build_object('n', n), now() AT TIME ZONE 'UTC' + make_interval(secs => n / 1000.0)
         FROM generate_series(1, 250) AS n RETURNING id`,
    );
    const committed = rows.map((row) => row.id);
    const { rows: waiting } = await database.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${SCHEMA}."OutboxEvent" WHERE "publishedAt" IS NULL`);
    expect({ publishedBeforeStop, waiting: waiting[0]!.count }).toEqual({ publishedBeforeStop: [], waiting: 250 });

    stopping = true;
    await served.stop();
    await memory.close();

    expect(published).toHaveLength(committed.length);
    expect(new Set(published)).toEqual(new Set(committed));
    const { rows: marked } = await database.pool.query<{ unpublished: number }>(
      `SELECT count(*) FILTER (WHERE "publishedAt" IS NULL)::int AS unpublished FROM ${SCHEMA}."OutboxEvent"`,
    );
    expect(marked[0]!.unpublished).toBe(0);
  }, 30_000);
});
