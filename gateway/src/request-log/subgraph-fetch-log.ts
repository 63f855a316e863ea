import { elapsedMs } from '@threadly/logger';

/**
 * How one subgraph fetch ended: `ok`; `errors` (the subgraph answered, with GraphQL errors); `unavailable`
 * (SUBGRAPH_UNAVAILABLE: every attempt failed or its circuit was open, subgraph-fetch/resilient-fetcher.ts);
 * `failed` (anything else thrown: a 4xx, a body that is not JSON).
 */
export type SubgraphFetchOutcome = 'ok' | 'errors' | 'unavailable' | 'failed';

export interface SubgraphFetchTiming {
  name: string;
  ms: number;
  outcome: SubgraphFetchOutcome;
}

/** One request's subgraph fetches, in the order they ended; `dropped` counts those past the bound. */
export interface SubgraphFetchLog {
  fetches: SubgraphFetchTiming[];
  dropped: number;
}

/** A query plan rarely has more than a handful of fetches; a list of 100 entities with many nested ones stays under this. */
const MAX_LOGGED_FETCHES = 32;

export const createSubgraphFetchLog = (): SubgraphFetchLog => ({ fetches: [], dropped: 0 });

/**
 * Records a fetch in its request's log, when the request has one: only HTTP requests do (the request log plugin
 * creates it), so a subscription's per-event fetches, on a context that lives as long as the connection, never
 * accumulate.
 */
export function recordSubgraphFetch(context: { subgraphFetches?: SubgraphFetchLog }, name: string, startedAt: number, outcome: SubgraphFetchOutcome): void {
  const log = context.subgraphFetches;
  if (!log) return;
  if (log.fetches.length >= MAX_LOGGED_FETCHES) log.dropped += 1;
  else log.fetches.push({ name, ms: elapsedMs(startedAt), outcome });
}

/** The outcome of a fetch that threw. */
export function failedFetchOutcome(error: unknown): SubgraphFetchOutcome {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return code === 'SUBGRAPH_UNAVAILABLE' ? 'unavailable' : 'failed';
}
