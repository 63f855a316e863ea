import { Counter, Gauge, type Registry } from 'prom-client';
import { CircuitState, type CircuitStateName } from '../subgraph-fetch/circuit-breaker.ts';
import { METRIC_PREFIX } from './metrics-registry.ts';

export interface SubgraphCircuitMetrics {
  state(subgraph: string, state: CircuitStateName): void;
  failure(subgraph: string): void;
  retry(subgraph: string): void;
}

export function registerSubgraphCircuitMetrics(registry: Registry): SubgraphCircuitMetrics {
  const state = new Gauge({
    name: `${METRIC_PREFIX}subgraph_circuit_state`,
    help: "Each subgraph's circuit breaker: 0 closed, 1 half-open (one probe allowed), 2 open (failing fast).",
    labelNames: ['subgraph'],
    // Each worker has its own breakers; under node:cluster the scrape shows the worst of them, not a sum.
    aggregator: 'max',
    registers: [registry],
  });
  const failures = new Counter({
    name: `${METRIC_PREFIX}subgraph_fetch_failures_total`,
    help: 'Attempts to reach a subgraph that failed: connection error, timeout or 5xx.',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const retries = new Counter({
    name: `${METRIC_PREFIX}subgraph_fetch_retries_total`,
    help: 'Query fetches to a subgraph sent again after a failed attempt.',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  return {
    state: (subgraph, name) => state.set({ subgraph }, CircuitState[name]),
    failure: (subgraph) => failures.inc({ subgraph }),
    retry: (subgraph) => retries.inc({ subgraph }),
  };
}
