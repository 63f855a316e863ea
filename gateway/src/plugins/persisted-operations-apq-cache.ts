import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@threadly/logger';
import { RedisKeyValueCache } from '../cache/redis-key-value-cache.ts';

/** How long a registered query is kept after its last registration; a client whose hash expired registers again. */
export const APQ_TTL_SECONDS = 86_400;

export interface ApqCacheStore {
  cache: KeyValueCache<string>;
  backend: 'redis' | 'memory';
  close(): Promise<void>;
}

export interface ApqCacheStoreOptions {
  /** Shared by every gateway replica; unset keeps registrations in this process (embedded mode). */
  redisUrl?: string;
  /** Prepended to every Redis key (default `threadly:`; Apollo adds `apq:` before the hash); tests use one per run. */
  keyPrefix?: string;
  logger: Pick<Logger, 'error' | 'info'>;
  /** Longest a request waits on Redis before the hash counts as a miss (default 250 ms). */
  commandTimeoutMs?: number;
}

/**
 * Where automatic persisted queries (hash → query text, registered by first-party clients in open and audit modes)
 * are kept: Redis when REDIS_URL is set, so a hash registered through one replica is known to all, else an
 * in-process LRU. Redis fails open: while it is down every hash is a miss, and clients fall back to sending the
 * query with its hash, which runs (and is not stored).
 */
export async function createApqCacheStore({ redisUrl, keyPrefix = 'threadly:', logger, commandTimeoutMs }: ApqCacheStoreOptions): Promise<ApqCacheStore> {
  if (!redisUrl) return { cache: new InMemoryLRUCache<string>(), backend: 'memory', close: async () => undefined };
  const cache = new RedisKeyValueCache({
    url: redisUrl,
    keyPrefix,
    logger,
    commandTimeoutMs,
    outageMessage: 'Redis APQ store unavailable: persisted-query hashes miss until it is back (clients resend the query)',
    recoveryMessage: 'the APQ store is back',
  });
  await cache.whenConnected();
  return { cache, backend: 'redis', close: () => cache.close() };
}
