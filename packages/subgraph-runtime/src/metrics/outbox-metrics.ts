import type { Pool } from '@threadly/database';
import { Counter, Gauge, type Registry } from 'prom-client';
import { SUBGRAPH_METRIC_PREFIX } from './subgraph-metrics-registry.ts';

/** A scrape never waits longer than this on the database (Prometheus's own scrape timeout is 10 s by default). */
export const OUTBOX_LAG_READ_TIMEOUT_MS = 1_000;

export interface OutboxMetricsOptions {
  pool: Pick<Pool, 'query'>;
  /** The PostgreSQL schema whose `OutboxEvent` table the subgraph's relay drains. */
  schema: string;
  readTimeoutMs?: number;
}

/**
 * Outbox lag, read from the subgraph's `OutboxEvent` table when Prometheus scrapes: how many events wait to be
 * published and how old the oldest is. A database too slow to answer within `readTimeoutMs` must not hang the scrape
 * (and every other metric with it): the gauges then read NaN and `outbox_lag_read_failures_total` counts it. Plus
 * the relay's own counters, fed by its hooks (`onPublished`, `onFailure`).
 */
export function registerOutboxMetrics(registry: Registry, { pool, schema, readTimeoutMs = OUTBOX_LAG_READ_TIMEOUT_MS }: OutboxMetricsOptions) {
  const readFailures = new Counter({
    name: `${SUBGRAPH_METRIC_PREFIX}outbox_lag_read_failures_total`,
    help: 'Scrapes whose outbox reading failed or took longer than its timeout (the lag gauges then read NaN).',
    registers: [registry],
  });
  // Both gauges come from one query; a scrape collects them one after the other, so the second reuses the first's.
  let reading: Promise<{ unpublished: number; oldestAgeSeconds: number }> | undefined;
  const read = () => {
    reading ??= readOutboxLag(pool, schema, readTimeoutMs)
      .catch(() => {
        readFailures.inc();
        return { unpublished: Number.NaN, oldestAgeSeconds: Number.NaN };
      })
      .finally(() => setImmediate(() => (reading = undefined)));
    return reading;
  };
  new Gauge({
    name: `${SUBGRAPH_METRIC_PREFIX}outbox_unpublished_events`,
    help: 'Events written to the outbox and not yet published (read at scrape time).',
    registers: [registry],
    async collect() {
      this.set((await read()).unpublished);
    },
  });
  new Gauge({
    name: `${SUBGRAPH_METRIC_PREFIX}outbox_oldest_unpublished_age_seconds`,
    help: 'Age of the oldest unpublished outbox event, 0 when none waits (read at scrape time).',
    registers: [registry],
    async collect() {
      this.set((await read()).oldestAgeSeconds);
    },
  });
  const published = new Counter({
    name: `${SUBGRAPH_METRIC_PREFIX}outbox_events_published_total`,
    help: 'Outbox events the relay published (counted when their batch committed).',
    registers: [registry],
  });
  const failures = new Counter({
    name: `${SUBGRAPH_METRIC_PREFIX}outbox_relay_failures_total`,
    help: 'Relay batches that failed (database or event transport unreachable); their events stay in the outbox and are retried.',
    registers: [registry],
  });
  return { onPublished: (count: number) => published.inc(count), onFailure: () => failures.inc() };
}

async function readOutboxLag(pool: Pick<Pool, 'query'>, schema: string, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`outbox lag not read within ${timeoutMs} ms`)), timeoutMs);
  });
  // Marked as background work, so statement counters (N+1 tests) leave it out. `occurredAt` is UTC without a zone.
  const query = pool.query<{ unpublished: number; oldest_age_seconds: number }>(
    `/* background: metrics scrape */ SELECT count(*)::int AS unpublished,
            COALESCE(EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - min("occurredAt"))), 0)::float8 AS oldest_age_seconds
       FROM "${schema}"."OutboxEvent" WHERE "publishedAt" IS NULL`,
  );
  // The query may still finish after the timeout; its result (or error) is then dropped.
  query.catch(() => undefined);
  try {
    const { rows } = await Promise.race([query, timeout]);
    return { unpublished: rows[0]?.unpublished ?? 0, oldestAgeSeconds: Math.max(0, rows[0]?.oldest_age_seconds ?? 0) };
  } finally {
    clearTimeout(timer);
  }
}
