import type { DomainEvent } from '@threadly/event-contracts';
import { startOutboxRelay, type EventTransport } from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { readSample } from '@threadly/metrics';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOutboxMetrics } from './outbox-metrics.ts';
import { createSubgraphMetricsRegistry } from './subgraph-metrics-registry.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // The columns the lag reading needs, as every subgraph's migration creates them.
  await database.pool.query(`CREATE SCHEMA lag;
    CREATE TABLE lag."OutboxEvent" (id uuid PRIMARY KEY, "occurredAt" timestamp(3) NOT NULL, "publishedAt" timestamp(3));
    CREATE SCHEMA relay;
    CREATE TABLE relay."OutboxEvent" (id uuid PRIMARY KEY, type text NOT NULL, version int NOT NULL, "aggregateId" text NOT NULL,
      payload jsonb NOT NULL, "occurredAt" timestamp(3) NOT NULL, "publishedAt" timestamp(3), traceparent text, tracestate text)`);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

describe('outbox metrics', () => {
  it('reads how many events wait and how old the oldest is when scraped', async () => {
    const registry = createSubgraphMetricsRegistry('lagging');
    registerOutboxMetrics(registry, { pool: database.pool, schema: 'lag' });
    const sample = async (name: string) => readSample(await registry.metrics(), `threadly_subgraph_${name}`, { subgraph: 'lagging' });
    expect(await sample('outbox_unpublished_events')).toBe(0);
    expect(await sample('outbox_oldest_unpublished_age_seconds')).toBe(0);
    await database.pool.query(`INSERT INTO lag."OutboxEvent" VALUES
      (gen_random_uuid(), now() AT TIME ZONE 'UTC' - interval '90 seconds', NULL),
      (gen_random_uuid(), now() AT TIME ZONE 'UTC', NULL),
      (gen_random_uuid(), now() AT TIME ZONE 'UTC' - interval '1 day', now() AT TIME ZONE 'UTC')`);
    expect(await sample('outbox_unpublished_events')).toBe(2);
    const age = (await sample('outbox_oldest_unpublished_age_seconds'))!;
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(24 * 3600);
  });

  it('answers the scrape without the lag when the database does not answer in time, and counts it', async () => {
    const registry = createSubgraphMetricsRegistry('stuck');
    const hanging = { query: () => new Promise<never>(() => {}) } as unknown as TestDatabase['pool'];
    registerOutboxMetrics(registry, { pool: hanging, schema: 'lag', readTimeoutMs: 50 });
    const exposition = await registry.metrics();
    expect(readSample(exposition, 'threadly_subgraph_outbox_unpublished_events')).toBeNaN();
    expect(readSample(exposition, 'threadly_subgraph_outbox_oldest_unpublished_age_seconds')).toBeNaN();
    expect(readSample(await registry.metrics(), 'threadly_subgraph_outbox_lag_read_failures_total')).toBeGreaterThanOrEqual(1);
  });

  it("counts what the real relay published and its failed batches", async () => {
    const registry = createSubgraphMetricsRegistry('relaying');
    const hooks = registerOutboxMetrics(registry, { pool: database.pool, schema: 'relay' });
    await database.pool.query(`INSERT INTO relay."OutboxEvent" (id, type, version, "aggregateId", payload, "occurredAt")
      SELECT gen_random_uuid(), 'test.happened', 1, 'a', '{}', now() AT TIME ZONE 'UTC' FROM generate_series(1, 3)`);
    let refuse = true;
    const published: DomainEvent[] = [];
    const transport = {
      publish: async (events: DomainEvent[]) => {
        if (refuse) throw new Error('transport down');
        published.push(...events);
      },
    } as unknown as EventTransport;
    const relay = startOutboxRelay({ pool: database.pool, schema: 'relay', transport, logger: createLogger('relay', 'silent'), ...hooks });
    try {
      await expect(relay.flush()).rejects.toThrow('transport down');
      refuse = false;
      await relay.flush();
    } finally {
      await relay.stop();
    }
    const exposition = await registry.metrics();
    expect(published).toHaveLength(3);
    expect(readSample(exposition, 'threadly_subgraph_outbox_events_published_total')).toBe(3);
    expect(readSample(exposition, 'threadly_subgraph_outbox_relay_failures_total')).toBeGreaterThanOrEqual(1);
    expect(readSample(exposition, 'threadly_subgraph_outbox_unpublished_events')).toBe(0);
  });
});
