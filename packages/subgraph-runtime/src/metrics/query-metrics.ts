import type { QueryTiming } from '@threadly/database';
import type { Logger } from '@threadly/logger';
import { labelChildren } from '@threadly/metrics';
import { Counter, Histogram, type Registry } from 'prom-client';
import { SUBGRAPH_METRIC_PREFIX } from './subgraph-metrics-registry.ts';

/** Seconds; an indexed read takes about a millisecond, a query past a second is an incident. */
const QUERY_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const DEFAULT_SLOW_QUERY_MS = 500;

export interface QueryMetricsOptions {
  /** A query slower than this is counted in `slow_queries_total` and logged (SLOW_QUERY_MS). */
  slowQueryMs: number;
  subgraph: string;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Database operation durations by model and operation, and slow queries: counted and logged at warn with their tags
 * and duration, never their SQL values (parameters carry user data). The labels are bounded by the code: models and
 * Prisma actions, or `raw` and a SQL keyword. Label children are cached: this runs for every query.
 */
export function registerQueryMetrics(registry: Registry, { slowQueryMs, subgraph, logger }: QueryMetricsOptions): (timing: QueryTiming) => void {
  const durations = new Histogram({
    name: `${SUBGRAPH_METRIC_PREFIX}db_query_duration_seconds`,
    help: 'Database operations through the subgraph\'s Prisma client, by model (`raw` for hand-written SQL) and operation (Prisma action, or the SQL\'s first keyword).',
    labelNames: ['model', 'operation'],
    buckets: QUERY_DURATION_BUCKETS,
    registers: [registry],
  });
  const slow = new Counter({
    name: `${SUBGRAPH_METRIC_PREFIX}slow_queries_total`,
    help: `Database operations slower than SLOW_QUERY_MS (here ${slowQueryMs} ms), by model and operation; each is also logged at warn.`,
    labelNames: ['model', 'operation'],
    registers: [registry],
  });
  const childrenOf = labelChildren((model, operation) => ({ duration: durations.labels(model!, operation!), slow: slow.labels(model!, operation!) }));
  return ({ model, operation, durationMs, failed }) => {
    const child = childrenOf(model, operation);
    child.duration.observe(durationMs / 1000);
    if (durationMs <= slowQueryMs) return;
    child.slow.inc();
    logger.warn({ subgraph, model, operation, durationMs: Math.round(durationMs), thresholdMs: slowQueryMs, failed }, 'slow query');
  };
}
