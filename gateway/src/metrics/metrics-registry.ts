import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every gateway metric's name starts with this, so dashboards can tell them from the subgraphs'. */
export const METRIC_PREFIX = 'threadly_gateway_';

/**
 * One registry per gateway server, never prom-client's global one: tests run several gateways in one process, and a
 * metric registered twice in one registry throws. Metric groups (cache-metrics.ts, …) register themselves on it;
 * `GET /metrics` renders it (metrics-route.ts) and, under node:cluster, the primary sums the workers' registries
 * (cluster-metrics.ts).
 */
export function createMetricsRegistry({ processMetrics = false }: { processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  // CPU, memory, event-loop lag and GC of this process; off by default because each call starts its own monitors
  // (fine once per process, wasteful for every short-lived gateway a test suite starts).
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}
