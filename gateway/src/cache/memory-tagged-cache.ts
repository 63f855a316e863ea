import { LRUCache } from 'lru-cache';
import { TaggedResponseCache, type TaggedLookup, type TaggedWriteOutcome } from './tagged-response-cache.ts';

export interface MemoryTaggedCacheOptions {
  /** Bytes (about: string lengths) of entries and their tags kept before the least recently used go (default 30 MB). */
  maxSize?: number;
  /** Purged tags remembered for the race guard before the oldest are folded into the floor (default 100,000). */
  maxInvalidations?: number;
}

/**
 * The tagged response cache in this process's memory (embedded mode, one gateway): an LRU of entries, and for each
 * tag the keys recorded under it. An entry leaving the LRU (evicted, expired, replaced or purged) leaves the tag
 * index too, so the index never outgrows the entries.
 */
export class MemoryTaggedCache extends TaggedResponseCache {
  readonly backend = 'memory';
  private readonly entries: LRUCache<string, string>;
  private readonly tagsByKey = new Map<string, readonly string[]>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly invalidations: InvalidationLog;
  private sequence = 0;

  constructor(options: MemoryTaggedCacheOptions = {}) {
    super();
    this.invalidations = new InvalidationLog(options.maxInvalidations ?? 100_000);
    this.entries = new LRUCache<string, string>({
      maxSize: options.maxSize ?? 30 * 2 ** 20,
      dispose: (_value, key) => this.unindex(key),
    });
  }

  protected async lookup(key: string): Promise<TaggedLookup> {
    return { value: this.entries.get(key), sequence: this.sequence };
  }

  protected async write(key: string, value: string, ttlSeconds: number, tags: string[], readSequence: number): Promise<TaggedWriteOutcome> {
    if (this.invalidations.anyAfter(tags, readSequence)) return 'stale';
    const size = key.length + value.length + tags.reduce((total, tag) => total + tag.length, 0);
    // Replacing an entry disposes the old one (and its index) first.
    this.entries.set(key, value, { ttl: ttlSeconds * 1000, size });
    if (!this.entries.has(key)) return 'failed';
    this.tagsByKey.set(key, tags);
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return 'stored';
  }

  protected async remove(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }

  protected async purgeTags(tags: readonly string[]): Promise<number> {
    this.sequence += 1;
    let purged = 0;
    for (const tag of tags) {
      this.invalidations.record(tag, this.sequence);
      for (const key of [...(this.keysByTag.get(tag) ?? [])]) if (this.entries.delete(key)) purged += 1;
      this.keysByTag.delete(tag);
    }
    return purged;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private unindex(key: string) {
    for (const tag of this.tagsByKey.get(key) ?? []) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
    this.tagsByKey.delete(key);
  }
}

/**
 * When each tag was last purged, bounded: past `max` tags the oldest are forgotten and their highest sequence
 * becomes the floor, below which every write counts as stale. That is conservative (a request that old is refused
 * a write it might have been allowed) and never lets a stale one through. The Redis store keeps the same log in a sorted set.
 */
export class InvalidationLog {
  private readonly purgedAt = new Map<string, number>();
  private floor = 0;

  constructor(private readonly max: number) {}

  record(tag: string, sequence: number) {
    // Re-inserted, so the Map's order stays oldest-first.
    this.purgedAt.delete(tag);
    this.purgedAt.set(tag, sequence);
    for (const [oldest, oldestSequence] of this.purgedAt) {
      if (this.purgedAt.size <= this.max) break;
      this.purgedAt.delete(oldest);
      this.floor = oldestSequence;
    }
  }

  anyAfter(tags: readonly string[], readSequence: number): boolean {
    if (readSequence < this.floor) return true;
    return tags.some((tag) => (this.purgedAt.get(tag) ?? 0) > readSequence);
  }
}
