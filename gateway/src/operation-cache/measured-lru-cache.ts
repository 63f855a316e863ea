import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { LRUCache } from 'lru-cache';

export interface MeasuredLruCacheOptions<Value> {
  /** Upper bound on the sum of `sizeOf` over the entries; least recently used ones are evicted beyond it. */
  maxBytes: number;
  /** Approximate size of a value in bytes (computed once, when it is stored). */
  sizeOf: (value: Value) => number;
  /** Called on every `get`: a hit or a miss. */
  onLookup: (hit: boolean) => void;
}

/**
 * A bounded in-memory `KeyValueCache` that reports each lookup. Apollo Server (`documentStore`) and
 * @apollo/gateway (`queryPlannerConfig.cache`) both accept any `KeyValueCache` and call `get` exactly once per
 * request, so counting here measures their hit ratios without touching their internals.
 */
export class MeasuredLruCache<Value extends object> implements KeyValueCache<Value> {
  private readonly lru: LRUCache<string, Value>;

  constructor(private readonly options: MeasuredLruCacheOptions<Value>) {
    // A value larger than the whole cache is not kept (lru-cache refuses it rather than evicting everything).
    this.lru = new LRUCache<string, Value>({ maxSize: options.maxBytes, sizeCalculation: (value) => Math.max(1, options.sizeOf(value)) });
  }

  async get(key: string): Promise<Value | undefined> {
    const value = this.lru.get(key);
    this.options.onLookup(value !== undefined);
    return value;
  }

  async set(key: string, value: Value, options?: KeyValueCacheSetOptions): Promise<void> {
    this.lru.set(key, value, options?.ttl ? { ttl: options.ttl * 1000 } : undefined);
  }

  async delete(key: string): Promise<boolean> {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get entries(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
