import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './memory-rate-limiter.ts';

/** A limiter on a hand-moved clock: the window slides when the test says so, not when time passes. */
function limiterAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, limiter: new MemoryRateLimiter({ windowMs: 60_000, now: () => clock.now }) };
}

describe('MemoryRateLimiter (sliding-window log in process)', () => {
  it('allows the limit, then refuses and says when the oldest request leaves the window', async () => {
    const { clock, limiter } = limiterAt();
    expect(await limiter.consume('ip:a', 3)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    clock.now += 10_000;
    await limiter.consume('ip:a', 3);
    await limiter.consume('ip:a', 3);
    clock.now += 5_000;
    expect(await limiter.consume('ip:a', 3)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 45_000 });
  });

  it('slides: as soon as the oldest request is a window old, exactly one more fits', async () => {
    const { clock, limiter } = limiterAt();
    await limiter.consume('ip:a', 2);
    clock.now += 30_000;
    await limiter.consume('ip:a', 2);
    clock.now += 30_000; // the first request is now exactly one window old
    expect((await limiter.consume('ip:a', 2)).allowed).toBe(true);
    expect((await limiter.consume('ip:a', 2)).allowed).toBe(false);
  });

  it('does not count refused requests, so retrying does not extend the wait', async () => {
    const { clock, limiter } = limiterAt();
    await limiter.consume('ip:a', 1);
    for (let i = 0; i < 5; i += 1) await limiter.consume('ip:a', 1);
    clock.now += 60_000;
    expect((await limiter.consume('ip:a', 1)).allowed).toBe(true);
  });

  it('keeps one bucket per key', async () => {
    const { limiter } = limiterAt();
    await limiter.consume('user:1', 1);
    expect((await limiter.consume('user:1', 1)).allowed).toBe(false);
    expect((await limiter.consume('user:2', 1)).allowed).toBe(true);
  });
});
