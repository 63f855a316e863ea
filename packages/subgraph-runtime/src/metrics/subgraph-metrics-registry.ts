import { createMetricsRegistry } from '@threadly/metrics';
import type { Registry } from 'prom-client';

/** Every subgraph metric's name starts with this; the `subgraph` label says which one. */
export const SUBGRAPH_METRIC_PREFIX = 'threadly_subgraph_';

/**
 * One registry per served subgraph, every series labelled `subgraph` (a default label): the four run in one process
 * under `npm start` and the tests, each on its own port with its own `/metrics`.
 */
export const createSubgraphMetricsRegistry = (subgraph: string, { processMetrics = false }: { processMetrics?: boolean } = {}): Registry =>
  createMetricsRegistry({ prefix: SUBGRAPH_METRIC_PREFIX, processMetrics, defaultLabels: { subgraph } });
