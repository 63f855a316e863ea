import { Counter, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry.ts';

export interface SubgraphFetchMetrics {
  /** Counts a query fetch to `subgraph` that went upstream (`shared` false) or joined an identical one in flight. */
  fetch(subgraph: string, shared: boolean): void;
}

export function registerSubgraphFetchMetrics(registry: Registry): SubgraphFetchMetrics {
  const fetches = new Counter({
    name: `${METRIC_PREFIX}subgraph_query_fetches_total`,
    help: 'Query fetches to subgraphs that could be deduplicated, by whether they were sent upstream or shared an identical request in flight.',
    labelNames: ['subgraph', 'result'],
    registers: [registry],
  });
  return { fetch: (subgraph, shared) => fetches.inc({ subgraph, result: shared ? 'shared' : 'sent' }) };
}
