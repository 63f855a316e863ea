import type pg from 'pg';
import type { DomainEvent } from '@threadly/event-contracts';
import { throttledErrorLog, type Logger } from '@threadly/logger';
import { retryDelayMs, sleep } from './backoff.ts';
import type { EventTransport } from './contracts.ts';
import { publishWithSpans } from './event-spans.ts';

/**
 * Marks the relay's statements as background work: statement counters (the N+1 tests) leave them out, since
 * they run on their own schedule, not for any request.
 */
export const BACKGROUND_STATEMENT = '/* background: outbox relay */';

export interface OutboxRelayOptions {
  pool: Pick<pg.Pool, 'connect' | 'query'>;
  /** The PostgreSQL schema whose `OutboxEvent` table this relay drains. */
  schema: string;
  transport: EventTransport;
  logger: Logger;
  /** Events published per transaction (default 100). */
  batchSize?: number;
  /** How often the outbox is looked at without a poke (default 200 ms). */
  pollIntervalMs?: number;
  /** Published rows older than this are deleted (default 7 days); the stream, not the outbox, is the history. */
  retainPublishedMs?: number;
  /**
   * Runs after a batch reached the transport and before it is marked published. Crash tests throw here: that is
   * a relay dying in between, whose batch is published again by the next relay (consumers deduplicate).
   */
  beforeMarkPublished?: (events: DomainEvent[]) => Promise<void>;
  /** Told how many events a batch published once it committed, and of each batch that failed (metrics). */
  onPublished?: (count: number) => void;
  onFailure?: () => void;
}

export interface OutboxRelay {
  /** Publishes now rather than at the next poll (after a local commit). */
  poke(): void;
  /** Publishes everything unpublished, batch after batch; resolves with how many events went out. */
  flush(): Promise<number>;
  /** Stops polling once the batch in hand is done. */
  stop(): Promise<void>;
}

interface OutboxRecord {
  id: string;
  type: string;
  version: number;
  aggregateId: string;
  payload: unknown;
  occurredAt: string;
  traceparent: string | null;
  tracestate: string | null;
}

const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Publishes a subgraph's outbox to the event transport, oldest first. Each batch is one transaction: lock
 * unpublished rows (`FOR UPDATE SKIP LOCKED`, so relay replicas take different rows and never publish the same
 * one twice while both are healthy), publish, set `publishedAt`, commit. A relay that dies after publishing and
 * before committing leaves the rows unpublished; they go out again, and consumers' processed-event tables make
 * the duplicate harmless. Failures (database or transport down) are logged, throttled, and retried with backoff.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { pool, transport, logger } = options;
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const table = `"${options.schema}"."OutboxEvent"`;
  const reportFailure = throttledErrorLog(logger, 30_000);
  const stopping = new AbortController();
  let wake: AbortController = new AbortController();
  // One batch at a time, so the loop and `flush()` never publish out of order.
  let exclusive: Promise<unknown> = Promise.resolve();
  let prunedAt = 0;

  const publishBatch = async (): Promise<number> => {
    // A cheap look first: an idle outbox costs one indexed query per poll rather than a transaction.
    const { rows: waiting } = await pool.query<{ waiting: boolean }>(
      `${BACKGROUND_STATEMENT} SELECT EXISTS (SELECT 1 FROM ${table} WHERE "publishedAt" IS NULL) AS waiting`,
    );
    if (!waiting[0]?.waiting) return 0;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRecord>(
        `${BACKGROUND_STATEMENT} SELECT id, type, version, "aggregateId", payload, traceparent, tracestate,
                to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt"
           FROM ${table} WHERE "publishedAt" IS NULL ORDER BY "occurredAt", id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length > 0) {
        // Published as written: the producer validated each event when creating it, consumers validate again.
        // A row without trace context (tracing off, written outside a request) has no trace fields on the stream.
        const events = rows.map(({ traceparent, tracestate, ...event }) => ({
          ...event,
          ...(traceparent && { traceparent }),
          ...(tracestate && { tracestate }),
        })) as DomainEvent[];
        await publishWithSpans(transport, events);
        await options.beforeMarkPublished?.(events);
        await client.query(`${BACKGROUND_STATEMENT} UPDATE ${table} SET "publishedAt" = now() AT TIME ZONE 'UTC' WHERE id = ANY($1::uuid[])`, [
          rows.map((row) => row.id),
        ]);
      }
      await client.query('COMMIT');
      if (rows.length > 0) options.onPublished?.(rows.length);
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  };

  const pruneIfDue = async () => {
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    const cutoffSeconds = Math.floor((options.retainPublishedMs ?? 7 * 24 * 60 * 60_000) / 1000);
    await pool.query(`${BACKGROUND_STATEMENT} DELETE FROM ${table} WHERE "publishedAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => $1)`, [cutoffSeconds]);
  };

  const oneBatch = () => {
    const next = exclusive.then(publishBatch, publishBatch);
    exclusive = next.catch(() => options.onFailure?.());
    return next;
  };

  const loop = async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        const published = await oneBatch();
        failures = 0;
        if (published === batchSize) continue;
        await pruneIfDue();
        await sleep(pollIntervalMs, AbortSignal.any([stopping.signal, wake.signal]));
        if (wake.signal.aborted) wake = new AbortController();
      } catch (error) {
        reportFailure(error, `outbox relay ${options.schema}: could not publish events; they stay in the outbox and are retried`);
        await sleep(retryDelayMs(++failures, { baseMs: 250, maxMs: 10_000 }), stopping.signal);
      }
    }
  };
  const running = loop();

  return {
    poke: () => wake.abort(),
    async flush() {
      let total = 0;
      for (let published = await oneBatch(); published > 0; published = await oneBatch()) total += published;
      return total;
    },
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
