import type { Logger } from '@threadly/logger';
import type { EnforceRateLimit } from '../request-context.ts';
import { MemoryRateLimiter } from './memory-rate-limiter.ts';
import { createRateLimitEnforcer } from './rate-limit-enforcer.ts';
import type { RateLimits } from './rate-limit-policy.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';

export interface GatewayRateLimit {
  enforce: EnforceRateLimit;
  backend: 'redis' | 'memory';
  close(): Promise<void>;
}

export interface GatewayRateLimitOptions {
  /** Shared buckets for every gateway replica; unset keeps them in this process (embedded mode). */
  redisUrl: string | undefined;
  limits: RateLimits;
  logger: Pick<Logger, 'error' | 'info'>;
}

/** The gateway's rate limiting as configured: Redis-backed when REDIS_URL is set, in-process otherwise. */
export async function createGatewayRateLimit({ redisUrl, limits, logger }: GatewayRateLimitOptions): Promise<GatewayRateLimit> {
  const windowMs = limits.windowSeconds * 1000;
  if (!redisUrl) {
    logger.info(limits, 'rate limiting in process memory (REDIS_URL unset): right for one gateway, not for several replicas');
    const limiter = new MemoryRateLimiter({ windowMs });
    return { enforce: createRateLimitEnforcer(limiter, limits), backend: 'memory', close: () => limiter.close() };
  }
  const limiter = new RedisRateLimiter({ url: redisUrl, windowMs, logger });
  await limiter.whenConnected();
  logger.info(limits, 'rate limiting in Redis, shared by every gateway replica');
  return { enforce: createRateLimitEnforcer(limiter, limits), backend: 'redis', close: () => limiter.close() };
}
