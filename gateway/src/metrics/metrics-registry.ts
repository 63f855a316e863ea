import { createMetricsRegistry } from '@threadly/metrics';
import type { Registry } from 'prom-client';

/** Every gateway metric's name starts with this, so dashboards can tell them from the subgraphs'. */
export const METRIC_PREFIX = 'threadly_gateway_';

/**
 * The gateway's registry (see @threadly/metrics): metric groups (cache-metrics.ts, …) register themselves on it;
 * `GET /metrics` renders it and, under node:cluster, the primary sums the workers' registries (cluster-metrics.ts).
 */
export const createGatewayMetricsRegistry = ({ processMetrics = false }: { processMetrics?: boolean } = {}): Registry =>
  createMetricsRegistry({ prefix: METRIC_PREFIX, processMetrics });
