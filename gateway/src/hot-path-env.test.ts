import { describe, expect, it } from 'vitest';
import { loadGatewayEnv } from './env.ts';
import { hotPathOptionsFromEnv } from './hot-path-env.ts';

describe('hot-path configuration', () => {
  it('has the documented defaults (workers: unset, one per core)', () => {
    const env = loadGatewayEnv({});
    expect(env.GATEWAY_WORKERS).toBeUndefined();
    expect(hotPathOptionsFromEnv(env)).toEqual({
      operationCaches: { documentCacheMb: 30, queryPlanCacheMb: 30 },
      subgraphFetch: { connectionsPerSubgraph: 32, dedupeInflight: true, timeoutMs: 10_000, timeoutMsBySubgraph: {}, retryDelaysMs: [100, 200, 400], circuitFailureThreshold: 5, circuitCoolDownMs: 1_000 },
      compressionMinBytes: 1024,
    });
  });

  it('reads every variable', () => {
    const env = loadGatewayEnv({ GATEWAY_WORKERS: '4', DOCUMENT_CACHE_MB: '8', QUERY_PLAN_CACHE_MB: '16', SUBGRAPH_CONNECTIONS: '64', SUBGRAPH_DEDUPE: 'false', SUBGRAPH_TIMEOUT_MS: '2500', CATALOG_TIMEOUT_MS: '15000', IDENTITY_TIMEOUT_MS: '800', COMPRESSION_MIN_BYTES: '0' });
    expect(env.GATEWAY_WORKERS).toBe(4);
    expect(hotPathOptionsFromEnv(env)).toEqual({
      operationCaches: { documentCacheMb: 8, queryPlanCacheMb: 16 },
      subgraphFetch: { connectionsPerSubgraph: 64, dedupeInflight: false, timeoutMs: 2500, timeoutMsBySubgraph: { identity: 800, catalog: 15_000 }, retryDelaysMs: [100, 200, 400], circuitFailureThreshold: 5, circuitCoolDownMs: 1_000 },
      compressionMinBytes: 0,
    });
  });

  it('names a bad variable in one line', () => {
    expect(() => loadGatewayEnv({ GATEWAY_WORKERS: '0' })).toThrow(/^Invalid configuration: GATEWAY_WORKERS — expected at least 1/);
    expect(() => loadGatewayEnv({ QUERY_PLAN_CACHE_MB: 'lots' })).toThrow(/^Invalid configuration: QUERY_PLAN_CACHE_MB — expected a whole number/);
    expect(() => loadGatewayEnv({ COMMERCE_TIMEOUT_MS: '0' })).toThrow(/^Invalid configuration: COMMERCE_TIMEOUT_MS — expected at least 1/);
    expect(() => loadGatewayEnv({ SUBGRAPH_DEDUPE: 'maybe' })).toThrow(/^Invalid configuration: SUBGRAPH_DEDUPE — expected true or false/);
  });
});
