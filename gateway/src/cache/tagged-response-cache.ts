import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { ResponseCacheRequestState } from './request-cache-state.ts';
import { responseCacheMetrics } from './response-cache-metrics.ts';

/** A lookup's answer: the entry, if any, and the invalidation sequence read with it (undefined: the store failed). */
export interface TaggedLookup {
  value: string | undefined;
  sequence: number | undefined;
}

/** What a store's conditional write did: `stale` when a tag was purged after the request's read sequence. */
export type TaggedWriteOutcome = 'stored' | 'stale' | 'failed';

/**
 * The `KeyValueCache` Apollo's response-cache plugin reads and writes, with entity tags and a race guard:
 *
 * - Each lookup also reads the global invalidation sequence, in the same round trip; the request keeps the first.
 * - Each write records the entry under every tag of its request, and is skipped when any of those tags was purged
 *   after that sequence: the request may have read the entity before the purge and would store a stale answer.
 * - `purge(tags)` deletes every entry recorded under the tags and stamps each tag with a new sequence.
 *
 * The plugin's `get(key)`/`set(key)` carry no request, so its `generateCacheKey` hook (which sees the request)
 * calls `forNextCall(state)` and the plugin calls `get`/`set` synchronously right after it: the call takes the
 * state before its first await. A write that finds no state, or no read sequence, is refused: an entry without
 * its tags could never be purged.
 */
export abstract class TaggedResponseCache implements KeyValueCache<string> {
  abstract readonly backend: 'redis' | 'memory';
  private nextCall: { state: ResponseCacheRequestState; extraTags: readonly string[] } | undefined;

  /** Binds the next `get` or `set` to a request; `extraTags` are added to that one write's tags. */
  forNextCall(state: ResponseCacheRequestState, extraTags: readonly string[] = []): void {
    this.nextCall = { state, extraTags };
  }

  async get(key: string): Promise<string | undefined> {
    const state = this.takeCall()?.state;
    const { value, sequence } = await this.lookup(key);
    if (state && sequence !== undefined && (state.readSequence === undefined || sequence < state.readSequence)) state.readSequence = sequence;
    return value;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const call = this.takeCall();
    const ttl = options?.ttl;
    // A zero or negative TTL means "do not keep it"; without a TTL an entry would outlive every tag set.
    if (!call || call.state.readSequence === undefined || typeof ttl !== 'number' || ttl <= 0) return;
    const tags = [...new Set([...call.state.tags, ...call.extraTags])];
    const outcome = await this.write(key, value, Math.ceil(ttl), tags, call.state.readSequence);
    if (outcome === 'stale') responseCacheMetrics.staleWritesSkipped += 1;
  }

  async delete(key: string): Promise<boolean> {
    return this.remove(key);
  }

  /** Deletes every entry recorded under `tags`; resolves with how many. Rejects when the store is unreachable. */
  async purge(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return 0;
    const purged = await this.purgeTags(tags);
    responseCacheMetrics.purgedTags += tags.length;
    responseCacheMetrics.purgedEntries += purged;
    return purged;
  }

  abstract close(): Promise<void>;

  protected abstract lookup(key: string): Promise<TaggedLookup>;
  /** Stores `value` under `key` for `ttlSeconds` unless a tag was invalidated after `readSequence`. */
  protected abstract write(key: string, value: string, ttlSeconds: number, tags: string[], readSequence: number): Promise<TaggedWriteOutcome>;
  protected abstract remove(key: string): Promise<boolean>;
  protected abstract purgeTags(tags: readonly string[]): Promise<number>;

  private takeCall() {
    const call = this.nextCall;
    this.nextCall = undefined;
    return call;
  }
}
