import type { Logger } from '@threadly/logger';
import { slotPrefix } from '@threadly/redis-connection';
import { FailOpenRedis } from '../edge/fail-open-redis.ts';
import { PURGE_TAGS, WRITE_TAGGED_ENTRY } from './redis-cache-scripts.ts';
import { TaggedResponseCache, type TaggedLookup, type TaggedWriteOutcome } from './tagged-response-cache.ts';

export interface RedisTaggedCacheOptions {
  url: string;
  /**
   * Prepended to every key; tests use a fresh one per run. Wrapped in a hash tag unless it holds one, so that on a
   * Redis Cluster every key of the store shares a slot (see redis-cache-scripts.ts).
   */
  keyPrefix?: string;
  logger: Pick<Logger, 'error' | 'info'>;
  /** How often an outage is logged (every request carries on without the cache; the log says so once per interval). */
  errorLogIntervalMs?: number;
  /** Longest a request waits on Redis before it is answered without the cache. */
  commandTimeoutMs?: number;
  /** Purged tags remembered for the race guard (default 100,000; older ones raise the floor). */
  maxInvalidations?: number;
}

type ScriptCall = (numberOfKeys: number, ...keysAndArgs: Array<string | number>) => Promise<number>;

/**
 * The tagged response cache in Redis, shared by every gateway replica, failing open: when Redis is down or slow a
 * lookup is a miss and a write is dropped, so requests are still served (from the subgraphs), only slower. A purge
 * that fails rejects, so the event that asked for it is delivered again.
 */
export class RedisTaggedCache extends TaggedResponseCache {
  readonly backend = 'redis';
  private readonly connection: FailOpenRedis;
  private readonly keyPrefix: string;
  private readonly maxInvalidations: number;
  private readonly writeScript: ScriptCall;
  private readonly purgeScript: ScriptCall;

  constructor(options: RedisTaggedCacheOptions) {
    super();
    this.keyPrefix = slotPrefix(options.keyPrefix ?? '{threadly:response-cache}:');
    this.maxInvalidations = options.maxInvalidations ?? 100_000;
    this.connection = new FailOpenRedis({
      ...options,
      outageMessage: 'Redis response cache unavailable: answering every request from the subgraphs',
      recoveryMessage: 'the response cache is back',
    });
    const { redis } = this.connection;
    // EVALSHA, falling back to EVAL once per connection when Redis does not know the script yet.
    redis.defineCommand('threadlyCacheWrite', { lua: WRITE_TAGGED_ENTRY });
    redis.defineCommand('threadlyCachePurge', { lua: PURGE_TAGS });
    const scripts = redis as unknown as { threadlyCacheWrite: ScriptCall; threadlyCachePurge: ScriptCall };
    this.writeScript = scripts.threadlyCacheWrite.bind(redis);
    this.purgeScript = scripts.threadlyCachePurge.bind(redis);
  }

  /** Resolves once connected or once the first attempt failed, whichever comes first (never rejects). */
  whenConnected(): Promise<void> {
    return this.connection.whenConnected();
  }

  protected async lookup(key: string): Promise<TaggedLookup> {
    try {
      const [value, sequence] = await this.connection.redis.mget(this.keyPrefix + key, this.key('invalidation:sequence'));
      return { value: value ?? undefined, sequence: Number(sequence ?? 0) };
    } catch (err) {
      this.connection.failed(err);
      return { value: undefined, sequence: undefined };
    }
  }

  protected async write(key: string, value: string, ttlSeconds: number, tags: string[], readSequence: number): Promise<TaggedWriteOutcome> {
    const keys = [this.keyPrefix + key, this.key('invalidation:tags'), this.key('invalidation:floor'), ...tags.map((tag) => this.key(`tag:${tag}`))];
    try {
      const stored = await this.writeScript(keys.length, ...keys, value, ttlSeconds, readSequence, ...tags);
      return stored === 1 ? 'stored' : 'stale';
    } catch (err) {
      this.connection.failed(err);
      return 'failed';
    }
  }

  protected async remove(key: string): Promise<boolean> {
    try {
      return (await this.connection.redis.del(this.keyPrefix + key)) > 0;
    } catch (err) {
      this.connection.failed(err);
      return false;
    }
  }

  protected async purgeTags(tags: readonly string[]): Promise<number> {
    const keys = [
      this.key('invalidation:sequence'),
      this.key('invalidation:tags'),
      this.key('invalidation:floor'),
      ...tags.map((tag) => this.key(`tag:${tag}`)),
    ];
    try {
      return await this.purgeScript(keys.length, ...keys, this.maxInvalidations, ...tags);
    } catch (err) {
      this.connection.failed(err);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.connection.close();
  }

  private key(name: string) {
    return this.keyPrefix + name;
  }
}
