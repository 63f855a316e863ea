// The Redis limiter against the machine's Redis (REDIS_URL), and against no Redis at all (it must fail open).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { serverUnavailableReason } from '@threadly/testing';
import { RedisRateLimiter } from '../src/edge/redis-rate-limiter.ts';

const skipReason = serverUnavailableReason('redis');
const silent = { error: () => undefined, info: () => undefined };
const opened: RedisRateLimiter[] = [];

/** A limiter on the machine's Redis with buckets no other run shares (keys expire with their window). */
async function limiter(windowMs: number, keyPrefix = `threadly-test:${randomUUID()}:`) {
  const created = new RedisRateLimiter({ url: process.env.REDIS_URL!, windowMs, keyPrefix, logger: silent });
  opened.push(created);
  await created.whenConnected();
  return created;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((created) => created.close()));
});

describe.skipIf(skipReason !== null)(`RedisRateLimiter on a real Redis${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  it('allows the limit, then refuses with the time until a slot frees up', async () => {
    const redis = await limiter(60_000);
    for (let i = 0; i < 3; i += 1) expect((await redis.consume('ip:a', 3)).allowed).toBe(true);
    const refused = await redis.consume('ip:a', 3);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await redis.consume('ip:b', 3)).allowed).toBe(true);
  });

  it('never lets more than the limit through when requests race', async () => {
    const redis = await limiter(60_000);
    const decisions = await Promise.all(Array.from({ length: 25 }, () => redis.consume('user:racer', 10)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
  });

  it('shares buckets between gateway replicas', async () => {
    const prefix = `threadly-test:${randomUUID()}:`;
    const [first, second] = [await limiter(60_000, prefix), await limiter(60_000, prefix)];
    await first.consume('user:shared', 2);
    await second.consume('user:shared', 2);
    expect((await first.consume('user:shared', 2)).allowed).toBe(false);
    expect((await second.consume('user:shared', 2)).allowed).toBe(false);
  });

  it('slides: once the window has passed, requests are allowed again', async () => {
    const redis = await limiter(300);
    await redis.consume('ip:a', 1);
    expect((await redis.consume('ip:a', 1)).allowed).toBe(false);
    await sleep(350);
    expect((await redis.consume('ip:a', 1)).allowed).toBe(true);
  });
});

describe('RedisRateLimiter with Redis down', () => {
  it('serves every request and logs the outage at error level once, not per request', async () => {
    const errors: unknown[][] = [];
    // Nothing listens on port 1: every connection attempt is refused.
    const down = new RedisRateLimiter({
      url: 'redis://127.0.0.1:1',
      windowMs: 60_000,
      logger: { error: (...args: unknown[]) => errors.push(args), info: () => undefined },
    });
    opened.push(down);
    await down.whenConnected();
    const decisions = await Promise.all(Array.from({ length: 20 }, () => down.consume('ip:a', 1)));
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toMatch(/Redis rate limiter unavailable: serving requests WITHOUT rate limits/);
  });
});
