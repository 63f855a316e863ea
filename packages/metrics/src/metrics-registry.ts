import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Prefix of the process metrics (`threadly_gateway_`, `threadly_subgraph_`), so dashboards tell services apart. */
  prefix: string;
  /** CPU, memory, event-loop lag and GC of this process (off by default, see below). */
  processMetrics?: boolean;
  /** Labels every series of this registry carries, e.g. `{ subgraph: 'catalog' }`. */
  defaultLabels?: Record<string, string>;
}

/**
 * One registry per server, never prom-client's global one: tests run several gateways and subgraphs in one process,
 * and a metric registered twice in one registry throws. Metric groups register themselves on it; `GET /metrics`
 * renders it (metrics-route.ts).
 */
export function createMetricsRegistry({ prefix, processMetrics = false, defaultLabels }: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  if (defaultLabels) registry.setDefaultLabels(defaultLabels);
  // Each call starts its own monitors: fine once per process, wasteful for every short-lived server a test starts.
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix });
  return registry;
}
