import type { Principal } from '../gateway-context.ts';

/** Requests allowed per window, by who is asking. */
export interface RateLimits {
  windowSeconds: number;
  user: number;
  anonymous: number;
  partner: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { windowSeconds: 60, user: 300, anonymous: 120, partner: 600 };

export interface RateLimitBucket {
  key: string;
  limit: number;
  /** Who shares the bucket, for the message a refused client reads. */
  describes: string;
}

/**
 * Signed-in users are counted by user id (wherever they connect from), partners by partner id (all of a partner's
 * keys share one bucket, with the partner's own limit when it has one), and everyone else by IP address: the only
 * thing anonymous traffic has in common.
 */
export function rateLimitBucketOf(principal: Principal, limits: RateLimits): RateLimitBucket {
  switch (principal.kind) {
    case 'user':
      return { key: `user:${principal.viewer.userId}`, limit: limits.user, describes: 'a signed-in user' };
    case 'partner':
      return { key: `partner:${principal.partnerId}`, limit: principal.rateLimit ?? limits.partner, describes: 'a partner (all its API keys together)' };
    case 'anonymous':
      return { key: `ip:${principal.ip}`, limit: limits.anonymous, describes: 'an anonymous client (per IP address)' };
  }
}
