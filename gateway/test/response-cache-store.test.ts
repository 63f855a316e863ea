// The tagged response cache's own contract, for every store (memory, one Redis server, a real Redis Cluster): entries recorded under their tags and purged with
// them, and the race guard — a request that read before a purge of one of its tags never stores its answer.
// The calls are made in the order Apollo's response-cache plugin makes them (key hook, then get or set at once).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@threadly/logger';
import { serverUnavailableReason, startThrowawayRedisCluster, type ThrowawayRedisCluster } from '@threadly/testing';
import { MemoryTaggedCache } from '../src/cache/memory-tagged-cache.ts';
import { RedisTaggedCache } from '../src/cache/redis-tagged-cache.ts';
import type { ResponseCacheRequestState } from '../src/cache/request-cache-state.ts';
import { responseCacheMetrics } from '../src/cache/response-cache-metrics.ts';
import type { TaggedResponseCache } from '../src/cache/tagged-response-cache.ts';

const silent = createLogger('gateway', 'silent');
const redisSkip = serverUnavailableReason('redis');
const prefixes: string[] = [];

async function redisCache(options: { maxInvalidations?: number } = {}) {
  const keyPrefix = `{threadly-test:${randomUUID()}}:`;
  prefixes.push(keyPrefix);
  const cache = new RedisTaggedCache({ url: process.env.REDIS_URL!, keyPrefix, logger: silent, ...options });
  await cache.whenConnected();
  return cache;
}

let cluster: Promise<ThrowawayRedisCluster> | undefined;
/**
 * The store on a throwaway 3-master Redis Cluster, its prefix given WITHOUT a hash tag: the store must add one, or
 * its scripts (entry, tag sets, purge sequence in one call) fail with CROSSSLOT and nothing is ever cached.
 */
async function clusterCache(options: { maxInvalidations?: number } = {}) {
  const { url } = await (cluster ??= startThrowawayRedisCluster());
  // A generous fail-open timeout: on this shared machine a slow command would turn into a miss, and this suite is
  // about what the cluster stores, not about how long a request waits for it.
  const cache = new RedisTaggedCache({ url, keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent, commandTimeoutMs: 2_000, ...options });
  await cache.whenConnected();
  return cache;
}

const stores: Array<{ name: string; skip: string | null; create: (options?: { maxInvalidations?: number }) => Promise<TaggedResponseCache> }> = [
  { name: 'in-process', skip: null, create: async (options) => new MemoryTaggedCache(options) },
  { name: 'Redis', skip: redisSkip, create: redisCache },
  { name: 'Redis Cluster', skip: redisSkip, create: clusterCache },
];

/** A request as the plugin drives it: one lookup before the subgraphs are asked, one write after. */
function request(cache: TaggedResponseCache, tags: string[]) {
  const state: ResponseCacheRequestState = { tags: new Set(tags) };
  return {
    state,
    lookup(key: string) {
      cache.forNextCall(state);
      return cache.get(key);
    },
    write(key: string, value: string, ttl = 60) {
      cache.forNextCall(state);
      return cache.set(key, value, { ttl });
    },
  };
}

/** Looks `key` up as a new request would. */
const read = (cache: TaggedResponseCache, key: string) => request(cache, []).lookup(key);

afterAll(async () => {
  await (await cluster)?.stop();
  if (redisSkip) return;
  const redis = new Redis(process.env.REDIS_URL!);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

describe.each(stores)('the tagged response cache, $name', ({ skip, create }) => {
  let cache: TaggedResponseCache;
  beforeAll(async () => {
    if (!skip) cache = await create();
  });
  afterAll(async () => {
    await cache?.close();
  });

  it.skipIf(skip !== null)(`purges every entry recorded under a tag, and only those${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    const shop = request(cache, ['Product:1', 'Product:2', 'Product:list']);
    const page = request(cache, ['Product:2']);
    const profile = request(cache, ['User:9']);
    for (const [req, key] of [[shop, 'fqc:shop'], [page, 'fqc:page'], [profile, 'fqc:profile']] as const) {
      expect(await req.lookup(key)).toBeUndefined();
      await req.write(key, `answer of ${key}`);
    }
    expect(await read(cache, 'fqc:shop')).toBe('answer of fqc:shop');

    expect(await cache.purge(['Product:2'])).toBe(2);
    expect(await read(cache, 'fqc:shop')).toBeUndefined();
    expect(await read(cache, 'fqc:page')).toBeUndefined();
    expect(await read(cache, 'fqc:profile')).toBe('answer of fqc:profile');
    // Purging again finds nothing: a redelivered event is harmless.
    expect(await cache.purge(['Product:2'])).toBe(0);
  });

  it.skipIf(skip !== null)('refuses the write of a request that read before one of its tags was purged', async () => {
    const skippedBefore = responseCacheMetrics.staleWritesSkipped;
    const slow = request(cache, ['Product:race']);
    expect(await slow.lookup('fqc:race')).toBeUndefined();
    // While the slow request waits on its subgraphs, the product is sold and the event purges its tag.
    await cache.purge(['Product:race']);
    await slow.write('fqc:race', 'ACTIVE (stale)');
    expect(await read(cache, 'fqc:race')).toBeUndefined();
    expect(responseCacheMetrics.staleWritesSkipped).toBe(skippedBefore + 1);

    // A request that looked up after the purge read the new state: its answer is kept.
    const fresh = request(cache, ['Product:race']);
    expect(await fresh.lookup('fqc:race')).toBeUndefined();
    await fresh.write('fqc:race', 'SOLD');
    expect(await read(cache, 'fqc:race')).toBe('SOLD');
  });

  it.skipIf(skip !== null)('lets a request store when only other tags were purged meanwhile', async () => {
    const req = request(cache, ['Product:calm']);
    await req.lookup('fqc:calm');
    await cache.purge(['Product:elsewhere', 'User:elsewhere']);
    await req.write('fqc:calm', 'still true');
    expect(await read(cache, 'fqc:calm')).toBe('still true');
  });

  it.skipIf(skip !== null)('keeps the first read sequence of a request that looks up twice (private, then public)', async () => {
    const req = request(cache, ['User:twice']);
    await req.lookup('fqc:private');
    await cache.purge(['User:twice']);
    await req.lookup('fqc:public');
    await req.write('fqc:public', 'read before the purge');
    expect(await read(cache, 'fqc:public')).toBeUndefined();
  });

  it.skipIf(skip !== null)('never stores an entry it cannot tag: a write not bound to a request, or without a lookup', async () => {
    await cache.set('fqc:unbound', 'no request', { ttl: 60 });
    expect(await read(cache, 'fqc:unbound')).toBeUndefined();
    await request(cache, ['Product:1']).write('fqc:unread', 'no lookup');
    expect(await read(cache, 'fqc:unread')).toBeUndefined();
  });

  it.skipIf(skip !== null)('counts a request older than every remembered purge as stale, once old purges are forgotten', async () => {
    const small = await create({ maxInvalidations: 2 });
    try {
      const old = request(small, ['Product:a']);
      await old.lookup('fqc:old');
      await small.purge(['Product:a']);
      await small.purge(['Product:b']);
      await small.purge(['Product:c']);
      // Product:a's purge is forgotten, but the floor still refuses what was read before it.
      await old.write('fqc:old', 'stale');
      expect(await read(small, 'fqc:old')).toBeUndefined();
      const recent = request(small, ['Product:a']);
      await recent.lookup('fqc:recent');
      await recent.write('fqc:recent', 'fresh');
      expect(await read(small, 'fqc:recent')).toBe('fresh');
    } finally {
      await small.close();
    }
  });
});

describe.skipIf(redisSkip !== null)('the Redis tagged cache', () => {
  it('keeps each tag set at least as long as its longest entry', async () => {
    const cache = await redisCache();
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const long = request(cache, ['Category:1']);
      await long.lookup('fqc:long');
      await long.write('fqc:long', 'a day', 86_400);
      const short = request(cache, ['Category:1']);
      await short.lookup('fqc:short');
      await short.write('fqc:short', 'five minutes', 300);
      const prefix = prefixes.at(-1)!;
      expect(await redis.ttl(`${prefix}tag:Category:1`)).toBeGreaterThan(86_000);
      expect(await redis.smembers(`${prefix}tag:Category:1`)).toEqual(expect.arrayContaining([`${prefix}fqc:long`, `${prefix}fqc:short`]));
    } finally {
      redis.disconnect();
      await cache.close();
    }
  });

  it('with Redis down: lookups miss, writes are dropped, and a purge fails so its event is delivered again', async () => {
    const down = new RedisTaggedCache({ url: 'redis://127.0.0.1:1', logger: silent });
    await down.whenConnected();
    try {
      const req = request(down, ['Product:1']);
      expect(await req.lookup('fqc:x')).toBeUndefined();
      await expect(req.write('fqc:x', 'dropped')).resolves.toBeUndefined();
      await expect(down.purge(['Product:1'])).rejects.toThrow();
    } finally {
      await down.close();
    }
  });
});
