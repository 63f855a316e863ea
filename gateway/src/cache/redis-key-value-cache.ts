import { Redis } from 'ioredis';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { throttledErrorLog, type Logger } from '@threadly/logger';

export interface RedisKeyValueCacheOptions {
  url: string;
  /** Prepended to every key; tests use a fresh one per run. */
  keyPrefix?: string;
  logger: Pick<Logger, 'error' | 'info'>;
  /** How often an outage is logged (every request carries on without the cache; the log says so once per interval). */
  errorLogIntervalMs?: number;
  /** Longest a request waits on Redis before it is answered without the cache. */
  commandTimeoutMs?: number;
}

/**
 * A `KeyValueCache` over Redis, shared by every gateway replica, that fails open: when Redis is down or slow a
 * read is a miss and a write is dropped, so requests are still served (from the subgraphs), only slower.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly reportFailure: (err: unknown, message: string) => void;
  private failing = false;

  constructor(options: RedisKeyValueCacheOptions) {
    this.keyPrefix = options.keyPrefix ?? 'threadly:response-cache:';
    this.reportFailure = throttledErrorLog(options.logger, options.errorLogIntervalMs ?? 30_000);
    this.redis = new Redis(options.url, {
      // While Redis is down, commands fail at once instead of queueing: no request waits for it to come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2_000,
      // Keep reconnecting in the background (at most every 2 s) so caching resumes by itself.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('error', (err) => this.failed(err));
    this.redis.on('ready', () => {
      if (this.failing) options.logger.info('Redis is reachable again: the response cache is back');
      this.failing = false;
    });
  }

  /** Resolves once connected or once the first attempt failed, whichever comes first (never rejects). */
  whenConnected(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.redis.off('ready', done);
        this.redis.off('error', done);
        resolve();
      };
      this.redis.once('ready', done);
      this.redis.once('error', done);
    });
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.keyPrefix + key)) ?? undefined;
    } catch (err) {
      this.failed(err);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    // A zero or negative TTL means "do not keep it"; Redis would refuse EX 0 anyway.
    if (typeof ttl === 'number' && ttl <= 0) return;
    try {
      if (typeof ttl === 'number') await this.redis.set(this.keyPrefix + key, value, 'EX', Math.ceil(ttl));
      else await this.redis.set(this.keyPrefix + key, value);
    } catch (err) {
      this.failed(err);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.keyPrefix + key)) > 0;
    } catch (err) {
      this.failed(err);
      return false;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private failed(err: unknown) {
    this.failing = true;
    this.reportFailure(err, 'Redis response cache unavailable: answering every request from the subgraphs until it is back');
  }
}
