import type { GatewayConfig } from '@apollo/gateway';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import type { CacheMetrics, MeasuredCacheName } from '../metrics/cache-metrics.ts';
import { MeasuredLruCache } from './measured-lru-cache.ts';

export interface OperationCacheSizes {
  /** Bound of Apollo Server's store of parsed and validated documents, in MB. */
  documentCacheMb: number;
  /** Bound of @apollo/gateway's query-plan cache, in MB. */
  queryPlanCacheMb: number;
}

type QueryPlanCache = NonNullable<NonNullable<GatewayConfig['queryPlannerConfig']>['cache']>;
/** What @apollo/gateway caches per operation (its planner's type, reached through the gateway's own config type). */
type QueryPlan = QueryPlanCache extends KeyValueCache<infer Plan> ? Plan : never;

/** Apollo's own defaults for both stores (30 MB each). */
export const DEFAULT_OPERATION_CACHE_SIZES: OperationCacheSizes = { documentCacheMb: 30, queryPlanCacheMb: 30 };

// Sizes are approximated as Apollo's defaults approximate them (the gateway's `approximateObjectSize`): the JSON
// length, paid once per miss. Documents are already bounded by the token limit, so one entry stays small.
const jsonBytes = (value: object) => Buffer.byteLength(JSON.stringify(value));

function measured<Value extends object>(name: MeasuredCacheName, megabytes: number, metrics: CacheMetrics) {
  const cache = new MeasuredLruCache<Value>({ maxBytes: megabytes * 1024 * 1024, sizeOf: jsonBytes, onLookup: (hit) => metrics.lookup(name, hit) });
  metrics.observeSize(name, () => ({ entries: cache.entries, bytes: cache.bytes }));
  return cache;
}

/**
 * The two per-operation caches of the hot path: a repeated operation is neither parsed, validated nor planned again.
 * Both are keyed by the operation's text hash (and operation name), never by who sends it.
 */
export function createOperationCaches(sizes: OperationCacheSizes, metrics: CacheMetrics) {
  return {
    documentStore: measured<DocumentNode>('document', sizes.documentCacheMb, metrics),
    queryPlanCache: measured<QueryPlan>('query_plan', sizes.queryPlanCacheMb, metrics),
  };
}
