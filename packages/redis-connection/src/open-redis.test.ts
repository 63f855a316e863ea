import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { openRedis, parseRedisAddress } from './open-redis.ts';
import { hasHashTag, sameSlotKey, slotPrefix } from './slot-keys.ts';

describe('openRedis', () => {
  it('opens one server from a plain REDIS_URL and a cluster from ?cluster=true', () => {
    const single = openRedis('redis://127.0.0.1:1', { lazyConnect: true });
    const cluster = openRedis('redis://127.0.0.1:1?cluster=true', { lazyConnect: true });
    try {
      expect(single).toBeInstanceOf(Redis);
      expect(cluster).toBeInstanceOf(Cluster);
    } finally {
      single.disconnect();
      cluster.disconnect();
    }
  });

  it('hands ioredis the URL without the cluster switch, keeping its other parameters and credentials', () => {
    expect(parseRedisAddress('rediss://user:secret@node-1:7000/?family=6&cluster=true')).toEqual({ url: 'rediss://user:secret@node-1:7000/?family=6', cluster: true });
    expect(parseRedisAddress('redis://cache:6379')).toEqual({ url: 'redis://cache:6379', cluster: false });
    expect(parseRedisAddress('redis://cache:6379?cluster=false').cluster).toBe(false);
  });
});

describe('keys that share a slot', () => {
  it('wraps a prefix in a hash tag unless it has one', () => {
    expect(slotPrefix('threadly:search:v1:')).toBe('{threadly:search:v1:}');
    expect(slotPrefix('{threadly:response-cache}:')).toBe('{threadly:response-cache}:');
    // An empty tag does not count: Redis would hash the whole key.
    expect(hasHashTag('{}threadly:')).toBe(false);
  });

  it('puts a companion key in the slot of a key without a hash tag', () => {
    expect(sameSlotKey('threadly:events', ':dead')).toBe('{threadly:events}:dead');
    expect(sameSlotKey('{tenant-1}:events', ':dead')).toBe('{tenant-1}:events:dead');
  });
});
