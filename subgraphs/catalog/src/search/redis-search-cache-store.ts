import { openRedis, slotPrefix, type RedisConnection } from '@threadly/redis-connection';
import type { SearchCacheStore } from './search-cache-store.ts';

export interface RedisSearchCacheStoreOptions {
  url: string;
  /** Key prefix (tests use their own). */
  prefix?: string;
  /** Longest a search waits on Redis before it goes to the engine instead. */
  commandTimeoutMs?: number;
}

/**
 * Cached searches in Redis (one server or a cluster): `<prefix>entry:<hash>` with the search tier's TTL, and `<prefix>tag:<tag>` versions.
 * A bump gives its tags the next value of one shared `<prefix>clock` (atomically, in a script), so a version is
 * never reused: a tag key that expired (it lives twice the entry TTL) reads 0 and can only turn hits into misses. Commands fail at once while Redis is down (no offline queue):
 * the caller serves from the engine.
 */
export function createRedisSearchCacheStore({ url, prefix: givenPrefix = 'threadly:search:v1:', commandTimeoutMs = 250 }: RedisSearchCacheStoreOptions): SearchCacheStore & { redis: RedisConnection } {
  const redis = openRedis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // One hash tag for every key: a read pipelines the entry with its tags' versions and a bump is one script over
  // the clock and the tags, which a Redis Cluster runs only when all of them share a slot.
  const prefix = slotPrefix(givenPrefix);
  // Reported by the cache (throttled) when a command fails; the connection keeps retrying in the background.
  redis.on('error', () => undefined);
  const tagKey = (tag: string) => `${prefix}tag:${tag}`;
  /** While the first connection is being made, wait for it (at most the command timeout) instead of failing at once. */
  const connected = (): Promise<void> =>
    redis.status !== 'connecting' && redis.status !== 'connect' && redis.status !== 'wait'
      ? Promise.resolve()
      : new Promise((resolve) => {
          const done = () => {
            clearTimeout(timer);
            redis.off('ready', done);
            redis.off('error', done);
            resolve();
          };
          const timer = setTimeout(done, commandTimeoutMs);
          redis.once('ready', done);
          redis.once('error', done);
        });
  let tagTtlSeconds = 600;
  const BUMP = `local version = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('SET', KEYS[i], version, 'EX', ARGV[1]) end
return version`;
  return {
    redis,
    async read(key, tags) {
      await connected();
      const pipeline = redis.pipeline().get(`${prefix}entry:${key}`);
      if (tags.length > 0) pipeline.mget(tags.map(tagKey));
      const results = (await pipeline.exec()) ?? [];
      for (const [error] of results) if (error) throw error;
      const entry = (results[0]?.[1] as string | null) ?? null;
      const versions = tags.length > 0 ? (results[1]?.[1] as Array<string | null>).map((value) => Number(value ?? 0)) : [];
      return { entry, versions };
    },
    async versions(tags) {
      if (tags.length === 0) return [];
      await connected();
      return (await redis.mget(tags.map(tagKey))).map((value) => Number(value ?? 0));
    },
    async write(key, entry, ttlSeconds) {
      tagTtlSeconds = Math.max(tagTtlSeconds, ttlSeconds * 2);
      await connected();
      await redis.set(`${prefix}entry:${key}`, entry, 'EX', ttlSeconds);
    },
    async bump(tags) {
      if (tags.length === 0) return;
      await connected();
      await redis.eval(BUMP, tags.length + 1, `${prefix}clock`, ...tags.map(tagKey), tagTtlSeconds);
    },
    async close() {
      redis.disconnect();
    },
  };
}
