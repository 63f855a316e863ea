/**
 * What the response cache did since the process started, as plain counters a metrics endpoint can read (e.g.
 * prom-client gauges with a `collect()` that copies them). One object per process: every gateway in it adds up.
 */
export const responseCacheMetrics = {
  /** Answered from the cache (`x-cache: HIT`). */
  hits: 0,
  /** Looked up, not found, answered by the subgraphs and offered to the cache (`x-cache: MISS`). */
  misses: 0,
  /** Not cacheable: a mutation, an error, no-store or PRIVATE without a session (`x-cache: BYPASS`). */
  bypasses: 0,
  /** Entity tags purged because an event said the entity changed. */
  purgedTags: 0,
  /** Cached responses deleted by those purges. */
  purgedEntries: 0,
  /** Writes refused because a tag of the response was purged while it was being computed (the race guard). */
  staleWritesSkipped: 0,
};

export type ResponseCacheMetrics = typeof responseCacheMetrics;
