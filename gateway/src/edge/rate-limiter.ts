/** What a rate limiter decided about one request. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window after this one (0 when refused). */
  remaining: number;
  /** When refused: how long until the oldest counted request leaves the window and one more fits. */
  retryAfterMs: number;
}

/**
 * A sliding-window log: at most `limit` requests per key in any window of the limiter's length. Refused requests
 * are not counted, so a client that keeps retrying gets in as soon as the window has room.
 */
export interface RateLimiter {
  readonly windowMs: number;
  consume(key: string, limit: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}
