import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { throttledErrorLog, type Logger } from '@threadly/logger';
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
type WithSlidingWindow = Redis & { slidingWindow(key: string, windowMs: number, limit: number, id: string): Promise<SlidingWindowReply> };

/**
 * The limiter every gateway replica shares. When Redis is unreachable or slow it fails open — the request is
 * served and the outage is logged at error level, at most once per interval — because refusing all traffic
 * over a cache outage would be worse than briefly not limiting it.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly windowMs: number;
  private readonly redis: WithSlidingWindow;
  private readonly keyPrefix: string;
  private readonly reportFailure: (err: unknown, message: string) => void;
  private failing = false;

  constructor(options: RedisRateLimiterOptions) {
    this.windowMs = options.windowMs;
    this.keyPrefix = options.keyPrefix ?? 'threadly:rate:';
    this.reportFailure = throttledErrorLog(options.logger, options.errorLogIntervalMs ?? 30_000);
    this.redis = new Redis(options.url, {
      // While Redis is down, commands fail at once instead of queueing until it returns: requests are not held.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2_000,
      // Keep reconnecting in the background (at most every 2 s) so limiting resumes by itself.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    }) as WithSlidingWindow;
    this.redis.defineCommand('slidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_SCRIPT });
    this.redis.on('error', (err) => this.failed(err));
    this.redis.on('ready', () => {
      if (this.failing) options.logger.info('Redis is reachable again: rate limiting is enforced again');
      this.failing = false;
    });
  }

  /** Resolves once connected or once the first attempt failed, whichever comes first (never rejects). */
  whenConnected(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.redis.off('ready', done);
        this.redis.off('error', done);
        resolve();
      };
      this.redis.once('ready', done);
      this.redis.once('error', done);
    });
  }

  async consume(key: string, limit: number): Promise<RateLimitDecision> {
    try {
      const [allowed, remaining, retryAfterMs] = await this.redis.slidingWindow(this.keyPrefix + key, this.windowMs, limit, randomUUID());
      return { allowed: allowed === 1, remaining, retryAfterMs };
    } catch (err) {
      this.failed(err);
      return { allowed: true, remaining: limit, retryAfterMs: 0 };
    }
  }

  async close() {
    this.redis.disconnect();
  }

  private failed(err: unknown) {
    this.failing = true;
    this.reportFailure(err, 'Redis rate limiter unavailable: serving requests WITHOUT rate limits until it is back');
  }
}
