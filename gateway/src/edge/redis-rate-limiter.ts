import { randomUUID } from 'node:crypto';
import type { RedisConnection } from '@threadly/redis-connection';
import type { Logger } from '@threadly/logger';
import { FailOpenRedis } from './fail-open-redis.ts';
import type { RateLimitDecision, RateLimiter } from './rate-limiter.ts';
import { SLIDING_WINDOW_SCRIPT } from './sliding-window-script.ts';

export interface RedisRateLimiterOptions {
  url: string;
  windowMs: number;
  /** Prepended to every bucket; tests use a fresh one per run. */
  keyPrefix?: string;
  logger: Pick<Logger, 'error' | 'info'>;
  /** How often an outage is logged (every request fails open, the log says so once per interval). */
  errorLogIntervalMs?: number;
  /** Longest a request waits on Redis before it is served anyway. */
  commandTimeoutMs?: number;
}

type SlidingWindowReply = [allowed: number, remaining: number, retryAfterMs: number];
// One key per call, so the script runs on a Redis Cluster as it is: the window lives in that key's slot.
type WithSlidingWindow = RedisConnection & { slidingWindow(key: string, windowMs: number, limit: number, id: string): Promise<SlidingWindowReply> };

/**
 * The limiter every gateway replica shares. When Redis is unreachable or slow it fails open — the request is
 * served and the outage is logged at error level, at most once per interval — because refusing all traffic
 * over a cache outage would be worse than briefly not limiting it.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly windowMs: number;
  private readonly connection: FailOpenRedis;
  private readonly redis: WithSlidingWindow;
  private readonly keyPrefix: string;

  constructor(options: RedisRateLimiterOptions) {
    this.windowMs = options.windowMs;
    this.keyPrefix = options.keyPrefix ?? 'threadly:rate:';
    this.connection = new FailOpenRedis({
      ...options,
      outageMessage: 'Redis rate limiter unavailable: serving requests WITHOUT rate limits',
      recoveryMessage: 'rate limiting is enforced again',
    });
    this.redis = this.connection.redis as WithSlidingWindow;
    this.redis.defineCommand('slidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_SCRIPT });
  }

  /** Resolves once connected or once the first attempt failed, whichever comes first (never rejects). */
  whenConnected(): Promise<void> {
    return this.connection.whenConnected();
  }

  async consume(key: string, limit: number): Promise<RateLimitDecision> {
    try {
      const [allowed, remaining, retryAfterMs] = await this.redis.slidingWindow(this.keyPrefix + key, this.windowMs, limit, randomUUID());
      return { allowed: allowed === 1, remaining, retryAfterMs };
    } catch (err) {
      this.connection.failed(err);
      return { allowed: true, remaining: limit, retryAfterMs: 0 };
    }
  }

  async close() {
    this.connection.close();
  }
}
