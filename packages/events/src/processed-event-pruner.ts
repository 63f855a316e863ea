import type pg from 'pg';
import { throttledErrorLog, type Logger } from '@threadly/logger';
import { sleep } from './backoff.ts';
import { BACKGROUND_STATEMENT } from './outbox-relay.ts';

export interface ProcessedEventPrunerOptions {
  pool: Pick<pg.Pool, 'query'>;
  /** The PostgreSQL schema whose `ProcessedEvent` table is pruned. */
  schema: string;
  logger: Logger;
  /**
   * Rows older than this are deleted (default 7 days). A redelivery comes within minutes (a consumer's backoff and
   * takeover, a relay publishing a batch again after a crash), so a week keeps every row that can still stop one.
   */
  retainMs?: number;
  /** How often (default hourly; the first pass a minute after start, not during a deploy's busiest moment). */
  intervalMs?: number;
  firstPassAfterMs?: number;
}

export interface ProcessedEventPruner {
  /** One pass now; resolves with how many rows it deleted. */
  prune(): Promise<number>;
  stop(): Promise<void>;
}

/** Rows deleted per statement: short transactions, so a large backlog never holds locks for long. */
const BATCH = 5_000;

/**
 * Keeps a subgraph's `ProcessedEvent` table (one row per event each consumer handled, written with the handler's
 * effect so a redelivery does nothing) from growing forever: rows past the retention are deleted in batches, in
 * the background. A failed pass (the database restarting) is logged, throttled, and tried at the next interval.
 */
export function startProcessedEventPruner(options: ProcessedEventPrunerOptions): ProcessedEventPruner {
  const { pool, logger } = options;
  const table = `"${options.schema}"."ProcessedEvent"`;
  const retainSeconds = Math.floor((options.retainMs ?? 7 * 24 * 60 * 60_000) / 1000);
  const reportFailure = throttledErrorLog(logger, 30 * 60_000);
  const stopping = new AbortController();

  const prune = async () => {
    let deleted = 0;
    for (;;) {
      const result = await pool.query(
        `${BACKGROUND_STATEMENT} DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE "processedAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => $1) LIMIT ${BATCH})`,
        [retainSeconds],
      );
      deleted += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < BATCH || stopping.signal.aborted) break;
    }
    if (deleted > 0) logger.info({ deleted, schema: options.schema }, 'processed-event rows past their retention deleted');
    return deleted;
  };

  const loop = (async () => {
    await sleep(options.firstPassAfterMs ?? 60_000, stopping.signal);
    while (!stopping.signal.aborted) {
      await prune().catch((error) => reportFailure(error, `could not prune ${table}; trying again in an hour`));
      await sleep(options.intervalMs ?? 60 * 60_000, stopping.signal);
    }
  })();

  return {
    prune,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
