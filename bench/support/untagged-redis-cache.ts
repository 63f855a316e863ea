// The gateway's Redis response cache as it was before entity tags (GET; SET EX; no tag sets, no race guard), for
// bench/response-cache-tagging.ts to compare against. Never use it to serve: nothing could purge its entries.
import { FailOpenRedis } from '../../gateway/src/edge/fail-open-redis.ts';
import { TaggedResponseCache, type TaggedLookup, type TaggedWriteOutcome } from '../../gateway/src/cache/tagged-response-cache.ts';

export class UntaggedRedisCache extends TaggedResponseCache {
  readonly backend = 'redis';
  private readonly connection: FailOpenRedis;

  constructor(private readonly options: { url: string; keyPrefix: string; logger: { error(...args: unknown[]): void; info(...args: unknown[]): void } }) {
    super();
    this.connection = new FailOpenRedis({ ...options, outageMessage: 'bench cache unavailable', recoveryMessage: 'bench cache back' });
  }

  whenConnected() {
    return this.connection.whenConnected();
  }

  // Failing open, as the store did: a failed GET is a miss, a failed SET is dropped.
  protected async lookup(key: string): Promise<TaggedLookup> {
    try {
      // Sequence 0 lets every write through: there is no guard to check.
      return { value: (await this.connection.redis.get(this.options.keyPrefix + key)) ?? undefined, sequence: 0 };
    } catch (err) {
      this.connection.failed(err);
      return { value: undefined, sequence: 0 };
    }
  }

  protected async write(key: string, value: string, ttlSeconds: number): Promise<TaggedWriteOutcome> {
    try {
      await this.connection.redis.set(this.options.keyPrefix + key, value, 'EX', ttlSeconds);
      return 'stored';
    } catch (err) {
      this.connection.failed(err);
      return 'failed';
    }
  }

  protected async remove(key: string): Promise<boolean> {
    return (await this.connection.redis.del(this.options.keyPrefix + key)) > 0;
  }

  protected async purgeTags(): Promise<number> {
    return 0;
  }

  async close() {
    this.connection.close();
  }
}
