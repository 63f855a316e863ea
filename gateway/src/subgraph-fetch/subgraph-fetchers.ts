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
  /** Each attempt to reach a subgraph is abandoned after this long… */
  timeoutMs: number;
  /** …or after this subgraph's own value, where one is set (a search-heavy catalog may need longer than identity). */
  timeoutMsBySubgraph?: Readonly<Record<string, number>>;
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
  // A subgraph that is back must be answering through the gateway within 2 s (the fault suite checks it): the worst
  // case is one cool-down plus one probe. One probe a second per gateway process is no load on a dead subgraph, and
  // between probes requests still fail fast, without the retries' 700 ms or a connection attempt.
  circuitCoolDownMs: 1_000,
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
  // One fetcher, so one circuit, per subgraph, however many callers ask (HTTP's data sources, the subscription
  // server's): a second breaker for the same subgraph would hide the first from /ready.
  const fetchers = new Map<string, Fetcher>();
  const create = (subgraph: string): Fetcher => {
    const breaker = new CircuitBreaker({
      failureThreshold: options.circuitFailureThreshold,
      coolDownMs: options.circuitCoolDownMs,
      onStateChange: (state) => metrics.circuits?.state(subgraph, state),
    });
    breakers.set(subgraph, breaker);
    metrics.circuits?.state(subgraph, breaker.state);
    const timeoutMs = options.timeoutMsBySubgraph?.[subgraph] ?? options.timeoutMs;
    const resilient = createResilientFetcher(subgraph, transport.fetcher, breaker, { ...options, timeoutMs }, {
      onFailure: () => metrics.circuits?.failure(subgraph),
      onRetry: () => metrics.circuits?.retry(subgraph),
    });
    const outermost = options.dedupeInflight ? dedupeInflightQueries(resilient, { onFetch: (shared) => metrics.fetches?.fetch(subgraph, shared) }) : resilient;
    return metrics.fetches ? timed(subgraph, outermost, metrics.fetches) : outermost;
  };
  return {
    fetcherFor(subgraph) {
      let fetcher = fetchers.get(subgraph);
      if (!fetcher) fetchers.set(subgraph, (fetcher = create(subgraph)));
      return fetcher;
    },
    circuitStates: () => Object.fromEntries([...breakers].map(([subgraph, breaker]) => [subgraph, breaker.state])),
    close: () => transport.close(),
  };
}

/**
 * Times the outermost layer: what a query plan waits for a subgraph, retries and a shared in-flight request
 * included. The body is read inside (buffered-response.ts), so the time covers the whole response.
 */
function timed(subgraph: string, fetcher: Fetcher, metrics: SubgraphFetchMetrics): Fetcher {
  return async (url, init) => {
    const startedAt = performance.now();
    try {
      const response = await fetcher(url, init);
      metrics.duration(subgraph, 'ok', (performance.now() - startedAt) / 1000);
      return response;
    } catch (error) {
      metrics.duration(subgraph, 'unavailable', (performance.now() - startedAt) / 1000);
      throw error;
    }
  };
}
