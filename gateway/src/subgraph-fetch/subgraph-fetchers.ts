import type { Fetcher } from '@apollo/utils.fetcher';
import type { SubgraphCircuitMetrics } from '../metrics/subgraph-circuit-metrics.ts';
import type { SubgraphFetchMetrics } from '../metrics/subgraph-fetch-metrics.ts';
import { CircuitBreaker, type CircuitStateName } from './circuit-breaker.ts';
import { dedupeInflightQueries } from './inflight-dedupe.ts';
import { createKeepAliveFetcher } from './keep-alive-fetcher.ts';
import { createResilientFetcher } from './resilient-fetcher.ts';

export interface SubgraphFetchOptions {
  /** Sockets kept alive to each subgraph (per gateway process). */
  connectionsPerSubgraph: number;
  /** Share identical in-flight queries (never mutations); see inflight-dedupe.ts. */
  dedupeInflight: boolean;
  /** Each attempt to reach a subgraph is abandoned after this long. */
  timeoutMs: number;
  /** Waits before each retry of a query (jittered); mutations are never retried. */
  retryDelaysMs: readonly number[];
  /** A subgraph's circuit opens after this many consecutive failed attempts… */
  circuitFailureThreshold: number;
  /** …and lets one probe through after this long. */
  circuitCoolDownMs: number;
}

export const DEFAULT_SUBGRAPH_FETCH_OPTIONS: SubgraphFetchOptions = {
  connectionsPerSubgraph: 32,
  dedupeInflight: true,
  timeoutMs: 10_000,
  retryDelaysMs: [100, 200, 400],
  circuitFailureThreshold: 5,
  circuitCoolDownMs: 5_000,
};

export interface SubgraphFetchers {
  /** The fetcher a subgraph's data source sends with. */
  fetcherFor(subgraph: string): Fetcher;
  /** Every subgraph's circuit state so far (a subgraph not fetched from yet is closed). */
  circuitStates(): Record<string, CircuitStateName>;
  close(): Promise<void>;
}

export interface SubgraphFetchersMetrics {
  fetches?: SubgraphFetchMetrics;
  circuits?: SubgraphCircuitMetrics;
}

/**
 * How the gateway talks to subgraphs, as layers around a fetch-compatible function, outermost first:
 * in-flight dedupe → timeout, retries and circuit breaker (resilient-fetcher.ts) → keep-alive transport. The
 * resilience layer is inside the dedupe, so one shared request is retried once for all its waiters.
 */
export function createSubgraphFetchers(options: SubgraphFetchOptions, metrics: SubgraphFetchersMetrics = {}): SubgraphFetchers {
  const transport = createKeepAliveFetcher({ connectionsPerSubgraph: options.connectionsPerSubgraph });
  const breakers = new Map<string, CircuitBreaker>();
  return {
    fetcherFor(subgraph) {
      const breaker = new CircuitBreaker({
        failureThreshold: options.circuitFailureThreshold,
        coolDownMs: options.circuitCoolDownMs,
        onStateChange: (state) => metrics.circuits?.state(subgraph, state),
      });
      breakers.set(subgraph, breaker);
      metrics.circuits?.state(subgraph, breaker.state);
      const resilient = createResilientFetcher(subgraph, transport.fetcher, breaker, options, {
        onFailure: () => metrics.circuits?.failure(subgraph),
        onRetry: () => metrics.circuits?.retry(subgraph),
      });
      if (!options.dedupeInflight) return resilient;
      return dedupeInflightQueries(resilient, { onFetch: (shared) => metrics.fetches?.fetch(subgraph, shared) });
    },
    circuitStates: () => Object.fromEntries([...breakers].map(([subgraph, breaker]) => [subgraph, breaker.state])),
    close: () => transport.close(),
  };
}
