import type { RateLimitDecision, RateLimiter } from './rate-limiter.ts';

export interface MemoryRateLimiterOptions {
  windowMs: number;
  /** Injectable for tests, so the window can slide without waiting. */
  now?: () => number;
}

/**
 * The same sliding-window log as the Redis limiter, kept in this process: for the embedded stack (`npm start`
 * without REDIS_URL), where there is one gateway and nothing to share buckets with.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly log = new Map<string, number[]>();
  private lastSweep: number;

  constructor({ windowMs, now = Date.now }: MemoryRateLimiterOptions) {
    this.windowMs = windowMs;
    this.now = now;
    this.lastSweep = now();
  }

  async consume(key: string, limit: number): Promise<RateLimitDecision> {
    const now = this.now();
    this.sweepIdleKeys(now);
    const since = now - this.windowMs;
    const times = (this.log.get(key) ?? []).filter((time) => time > since);
    if (times.length < limit) {
      times.push(now);
      this.log.set(key, times);
      return { allowed: true, remaining: limit - times.length, retryAfterMs: 0 };
    }
    this.log.set(key, times);
    return { allowed: false, remaining: 0, retryAfterMs: times[0]! + this.windowMs - now };
  }

  async close() {
    this.log.clear();
  }

  /** Once per window, forgets keys with nothing left in it, so one-off IPs do not accumulate forever. */
  private sweepIdleKeys(now: number) {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.log) {
      if (times[times.length - 1]! <= now - this.windowMs) this.log.delete(key);
    }
  }
}
