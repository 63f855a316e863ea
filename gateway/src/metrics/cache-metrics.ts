import { Counter, Gauge, type MetricValue, type Registry, type RegistryContentType } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry.ts';

/** The gateway's bounded in-memory caches that are measured: parsed+validated documents and query plans. */
export type MeasuredCacheName = 'document' | 'query_plan';

/** What the response cache did for one request (the `x-cache` header, see plugins/response-cache.ts). */
export type ResponseCacheStatus = 'HIT' | 'MISS' | 'BYPASS';

export const CACHE_LOOKUPS_METRIC = `${METRIC_PREFIX}cache_lookups_total`;
export const CACHE_HIT_RATIO_METRIC = `${METRIC_PREFIX}cache_hit_ratio`;

export interface CacheMetrics {
  /** Counts one lookup in `cache` (a hit or a miss). */
  lookup(cache: MeasuredCacheName, hit: boolean): void;
  /** Reports a cache's current entries and approximate bytes whenever metrics are collected. */
  observeSize(cache: MeasuredCacheName, size: () => { entries: number; bytes: number }): void;
  /**
   * Counts one request's response-cache status: a HIT or MISS is a lookup of cache `response` (so its hit ratio is
   * hits ÷ cacheable queries), a BYPASS (mutation, error, no-store) is counted apart and does not dilute the ratio.
   */
  responseStatus(status: ResponseCacheStatus): void;
}

/** Hits ÷ lookups per cache, from the lookups counter's values (one worker's, or every worker's summed). */
export function hitRatios(lookups: MetricValue<string>[]): Map<string, number> {
  const totals = new Map<string, { hits: number; all: number }>();
  for (const { labels, value } of lookups) {
    const cache = String(labels.cache);
    const total = totals.get(cache) ?? { hits: 0, all: 0 };
    total.all += value;
    if (labels.result === 'hit') total.hits += value;
    totals.set(cache, total);
  }
  return new Map([...totals].map(([cache, { hits, all }]) => [cache, all === 0 ? 0 : hits / all]));
}

/**
 * The hit-ratio gauge, computed at collection from the lookups counter. Under node:cluster each worker's ratio is
 * left out of the sum (`omit`) and the primary computes it again from the summed counter, so the ratio is exact.
 */
export function registerHitRatioGauge(registry: Registry<RegistryContentType>, lookupValues: () => Promise<MetricValue<string>[]>) {
  return new Gauge({
    name: CACHE_HIT_RATIO_METRIC,
    help: 'Share of lookups answered from the cache since the process started (0 when nothing was looked up yet).',
    labelNames: ['cache'],
    registers: [registry],
    aggregator: 'omit',
    async collect() {
      this.reset();
      for (const [cache, ratio] of hitRatios(await lookupValues())) this.set({ cache }, ratio);
    },
  });
}

export function registerCacheMetrics(registry: Registry): CacheMetrics {
  const lookups = new Counter({
    name: CACHE_LOOKUPS_METRIC,
    help: "Lookups in the gateway's document, query-plan and response caches, by result (hit or miss).",
    labelNames: ['cache', 'result'],
    registers: [registry],
  });
  registerHitRatioGauge(registry, async () => (await lookups.get()).values);
  const sizes = new Map<MeasuredCacheName, () => { entries: number; bytes: number }>();
  const sizeGauge = (name: string, help: string, pick: (size: { entries: number; bytes: number }) => number) =>
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        for (const [cache, size] of sizes) this.set({ cache }, pick(size()));
      },
    });
  sizeGauge('cache_entries', 'Entries held in the cache now.', (size) => size.entries);
  sizeGauge('cache_size_bytes', 'Approximate bytes held in the cache now (its bound is configured in MB).', (size) => size.bytes);
  // Children resolved once: lookups happen on every request, label hashing on each would be waste.
  const children = {
    document: { hit: lookups.labels('document', 'hit'), miss: lookups.labels('document', 'miss') },
    query_plan: { hit: lookups.labels('query_plan', 'hit'), miss: lookups.labels('query_plan', 'miss') },
  };
  const bypasses = new Counter({
    name: `${METRIC_PREFIX}response_cache_bypasses_total`,
    help: 'Requests the response cache could not serve nor store: mutations, errors, no-store, PRIVATE without a session.',
    registers: [registry],
  });
  // Resolved lazily: a gateway without a response cache shows no `response` series at all.
  let response: { HIT: Counter.Internal; MISS: Counter.Internal } | undefined;
  return {
    lookup: (cache, hit) => children[cache][hit ? 'hit' : 'miss'].inc(),
    observeSize: (cache, size) => void sizes.set(cache, size),
    responseStatus(status) {
      if (status === 'BYPASS') return bypasses.inc();
      response ??= { HIT: lookups.labels('response', 'hit'), MISS: lookups.labels('response', 'miss') };
      response[status].inc();
    },
  };
}
