import { HeaderMap } from '@apollo/server';
import { domainError } from '@threadly/errors';
import type { EnforceRateLimit } from '../request-context.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { rateLimitBucketOf, type RateLimits } from './rate-limit-policy.ts';

/**
 * The gateway's `enforceRateLimit`: counts the request against its principal's bucket and, over the limit, refuses
 * it from the context factory — before parsing, planning or any subgraph call — with HTTP 429, a Retry-After
 * header and RATE_LIMITED.
 */
export function createRateLimitEnforcer(limiter: RateLimiter, limits: RateLimits): EnforceRateLimit {
  return async (principal) => {
    const bucket = rateLimitBucketOf(principal, limits);
    const decision = await limiter.consume(bucket.key, bucket.limit);
    if (decision.allowed) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw domainError(
      'RATE_LIMITED',
      `Too many requests: ${bucket.describes} may make ${bucket.limit} requests per ${limits.windowSeconds} seconds. Retry in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
      { retryAfterSeconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
    );
  };
}
