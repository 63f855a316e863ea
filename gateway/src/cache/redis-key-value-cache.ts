import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@threadly/logger';
import { FailOpenRedis } from '../edge/fail-open-redis.ts';

export interface RedisKeyValueCacheOptions {
  url: string;
  /** Prepended to every key; tests use a fresh one per run. */
  keyPrefix?: string;
  logger: Pick<Logger, 'error' | 'info'>;
  /** How often an outage is logged (every request carries on without the cache; the log says so once per interval). */
  errorLogIntervalMs?: number;
  /** Longest a request waits on Redis before it is answered without the cache. */
  commandTimeoutMs?: number;
  /** What the outage and recovery log lines say (which cache is bypassed). */
  outageMessage: string;
  recoveryMessage: string;
}

/**
 * A plain `KeyValueCache` over Redis (APQ registrations), shared by every gateway replica, that fails open: when
 * Redis is down or slow a read is a miss and a write is dropped, so requests are still served, only slower. The
 * response cache needs entity tags and a race guard on top, so it has its own store (redis-tagged-cache.ts).
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly connection: FailOpenRedis;
  private readonly keyPrefix: string;

  constructor(options: RedisKeyValueCacheOptions) {
    this.keyPrefix = options.keyPrefix ?? 'threadly:';
    this.connection = new FailOpenRedis(options);
  }

  /** Resolves once connected or once the first attempt failed, whichever comes first (never rejects). */
  whenConnected(): Promise<void> {
    return this.connection.whenConnected();
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.connection.redis.get(this.keyPrefix + key)) ?? undefined;
    } catch (err) {
      this.connection.failed(err);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    // A zero or negative TTL means "do not keep it"; Redis would refuse EX 0 anyway.
    if (typeof ttl === 'number' && ttl <= 0) return;
    try {
      if (typeof ttl === 'number') await this.connection.redis.set(this.keyPrefix + key, value, 'EX', Math.ceil(ttl));
      else await this.connection.redis.set(this.keyPrefix + key, value);
    } catch (err) {
      this.connection.failed(err);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.connection.redis.del(this.keyPrefix + key)) > 0;
    } catch (err) {
      this.connection.failed(err);
      return false;
    }
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}
