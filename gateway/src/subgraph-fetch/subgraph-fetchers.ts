import type { Fetcher } from '@apollo/utils.fetcher';
import type { SubgraphFetchMetrics } from '../metrics/subgraph-fetch-metrics.ts';
import { dedupeInflightQueries } from './inflight-dedupe.ts';
import { createKeepAliveFetcher } from './keep-alive-fetcher.ts';

export interface SubgraphFetchOptions {
  /** Sockets kept alive to each subgraph (per gateway process). */
  connectionsPerSubgraph: number;
  /** Share identical in-flight queries (never mutations); see inflight-dedupe.ts. */
  dedupeInflight: boolean;
}

export const DEFAULT_SUBGRAPH_FETCH_OPTIONS: SubgraphFetchOptions = { connectionsPerSubgraph: 32, dedupeInflight: true };

export interface SubgraphFetchers {
  /** The fetcher a subgraph's data source sends with. */
  fetcherFor(subgraph: string): Fetcher;
  close(): Promise<void>;
}

/**
 * How the gateway talks to subgraphs, as layers around a fetch-compatible function, outermost first:
 * in-flight dedupe → keep-alive transport. A new concern (retries, a circuit breaker per subgraph) is one more
 * layer here — put it inside the dedupe, so one shared request is retried once for all its waiters.
 */
export function createSubgraphFetchers(options: SubgraphFetchOptions, metrics?: SubgraphFetchMetrics): SubgraphFetchers {
  const transport = createKeepAliveFetcher({ connectionsPerSubgraph: options.connectionsPerSubgraph });
  return {
    fetcherFor(subgraph) {
      if (!options.dedupeInflight) return transport.fetcher;
      return dedupeInflightQueries(transport.fetcher, { onFetch: (shared) => metrics?.fetch(subgraph, shared) });
    },
    close: () => transport.close(),
  };
}
