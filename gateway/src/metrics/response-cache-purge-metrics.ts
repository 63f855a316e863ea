import { Counter, type Registry } from 'prom-client';
import { responseCacheMetrics } from '../cache/response-cache-metrics.ts';
import { METRIC_PREFIX } from './metrics-registry.ts';

/**
 * The response cache's purges and refused stale writes, copied at scrape time from its process-wide counters
 * (`cache/response-cache-metrics.ts`): the store and its purger are per process, not per gateway server, so several
 * gateways in one process (tests) show the same figures. Under node:cluster the primary sums the workers'.
 */
export function registerResponseCachePurgeMetrics(registry: Registry) {
  const copied = (name: string, help: string, read: () => number) =>
    new Counter({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  copied('response_cache_purged_tags_total', 'Entity tags purged from the response cache because an event or a mutation said the entity changed.', () => responseCacheMetrics.purgedTags);
  copied('response_cache_purged_entries_total', 'Cached responses deleted by those purges.', () => responseCacheMetrics.purgedEntries);
  copied(
    'response_cache_stale_writes_skipped_total',
    'Responses not cached because one of their tags was purged while they were being computed (the race guard).',
    () => responseCacheMetrics.staleWritesSkipped,
  );
}
