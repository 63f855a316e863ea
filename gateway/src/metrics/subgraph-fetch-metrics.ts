import { labelChildren } from '@threadly/metrics';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry.ts';

/** Seconds; a subgraph answers in a few ms, and an attempt is abandoned at the 10 s timeout (retries add up to ~11 s). */
const FETCH_DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

export type SubgraphFetchOutcome = 'ok' | 'unavailable';

export interface SubgraphFetchMetrics {
  /** Counts a query fetch to `subgraph` that went upstream (`shared` false) or joined an identical one in flight. */
  fetch(subgraph: string, shared: boolean): void;
  /** Records how long a request to `subgraph` took as the query plan waited for it, retries included. */
  duration(subgraph: string, outcome: SubgraphFetchOutcome, seconds: number): void;
}

export function registerSubgraphFetchMetrics(registry: Registry): SubgraphFetchMetrics {
  const fetches = new Counter({
    name: `${METRIC_PREFIX}subgraph_query_fetches_total`,
    help: 'Query fetches to subgraphs that could be deduplicated, by whether they were sent upstream or shared an identical request in flight.',
    labelNames: ['subgraph', 'result'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: `${METRIC_PREFIX}subgraph_fetch_duration_seconds`,
    help: 'Time from sending a request to a subgraph to having its whole response, retries and waits on a shared request included, by outcome (ok: any answer, unavailable: SUBGRAPH_UNAVAILABLE).',
    labelNames: ['subgraph', 'outcome'],
    buckets: FETCH_DURATION_BUCKETS,
    registers: [registry],
  });
  // Few subgraphs and two outcomes: children resolved once each, not hashed per fetch.
  const durationsOf = labelChildren((...labels) => durations.labels(...labels));
  return {
    fetch: (subgraph, shared) => fetches.inc({ subgraph, result: shared ? 'shared' : 'sent' }),
    duration: (subgraph, outcome, seconds) => durationsOf(subgraph, outcome).observe(seconds),
  };
}
