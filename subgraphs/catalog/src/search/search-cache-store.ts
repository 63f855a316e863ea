/**
 * Where cached searches and tag versions live: Redis (shared by every catalog replica) or this process's memory
 * (the embedded default). A tag's version is bumped when something it names changes; a cached search remembers
 * the versions it was computed under and is a miss once any of them moved.
 */
export interface SearchCacheStore {
  /** The entry under `key` (null when absent or expired) and the current versions of `tags` (0 when never bumped). */
  read(key: string, tags: string[]): Promise<{ entry: string | null; versions: number[] }>;
  /** The current versions of `tags`. */
  versions(tags: string[]): Promise<number[]>;
  write(key: string, entry: string, ttlSeconds: number): Promise<void>;
  bump(tags: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Entries kept at most in memory; the oldest written goes first. */
const MAX_MEMORY_ENTRIES = 5_000;

/** The embedded default: one process, so one map is the whole truth. */
export function createMemorySearchCacheStore(now: () => number = Date.now): SearchCacheStore {
  const entries = new Map<string, { entry: string; expiresAt: number }>();
  const versions = new Map<string, number>();
  let clock = 0;
  return {
    async read(key, tags) {
      const found = entries.get(key);
      if (found && found.expiresAt <= now()) entries.delete(key);
      const live = found && found.expiresAt > now() ? found.entry : null;
      return { entry: live, versions: tags.map((tag) => versions.get(tag) ?? 0) };
    },
    async versions(tags) {
      return tags.map((tag) => versions.get(tag) ?? 0);
    },
    async write(key, entry, ttlSeconds) {
      entries.delete(key);
      entries.set(key, { entry, expiresAt: now() + ttlSeconds * 1000 });
      if (entries.size > MAX_MEMORY_ENTRIES) entries.delete(entries.keys().next().value!);
    },
    async bump(tags) {
      // One counter for every tag: a version is never reused, so a forgotten tag can never match again.
      for (const tag of tags) versions.set(tag, ++clock);
    },
    async close() {
      entries.clear();
    },
  };
}
