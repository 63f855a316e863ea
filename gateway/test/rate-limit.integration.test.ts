// Rate limiting through a real gateway: 429 + Retry-After + RATE_LIMITED, one bucket per user, per partner and per
// IP, with the in-process limiter and with the Redis one (when REDIS_URL is set), and failing open when Redis is down.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUnavailableReason } from '@threadly/testing';
import { MemoryRateLimiter } from '../src/edge/memory-rate-limiter.ts';
import { createRateLimitEnforcer } from '../src/edge/rate-limit-enforcer.ts';
import type { RateLimiter } from '../src/edge/rate-limiter.ts';
import { RedisRateLimiter } from '../src/edge/redis-rate-limiter.ts';
import type { GatewayServer } from '../src/index.ts';
import type { Authenticate } from '../src/request-context.ts';
import { GraphQLError } from 'graphql';
import { postGraphQL, startStandaloneGateway } from './support/standalone-gateway.ts';

const LIMITS = { windowSeconds: 60, user: 3, anonymous: 2, partner: 4 };
const silent = { error: () => undefined, info: () => undefined };

/** Stands in for Clerk and partner keys: `x-test-user` signs in as that user, `x-test-partner` is a verified partner. */
const testAuthenticate: Authenticate = async (req, clientIp) => {
  const user = req.headers['x-test-user'];
  const partner = req.headers['x-test-partner'];
  if (typeof user === 'string') return { kind: 'user', viewer: { userId: user, role: 'BUYER' } };
  if (typeof partner === 'string') return { kind: 'partner', partnerId: partner };
  if (req.headers['x-test-refuse'] !== undefined) {
    throw new GraphQLError('Session token is invalid.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return { kind: 'anonymous', ip: clientIp };
};

const typename = (url: string, options: { headers?: Record<string, string>; localAddress?: string } = {}) => postGraphQL(url, '{ __typename }', options);

const redisSkip = serverUnavailableReason('redis');
const backends: Array<{ name: string; skip: string | null; create: () => Promise<RateLimiter> }> = [
  { name: 'in-process limiter', skip: null, create: async () => new MemoryRateLimiter({ windowMs: LIMITS.windowSeconds * 1000 }) },
  {
    name: 'Redis limiter',
    skip: redisSkip,
    create: async () => {
      const limiter = new RedisRateLimiter({ url: process.env.REDIS_URL!, windowMs: 60_000, keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent });
      await limiter.whenConnected();
      return limiter;
    },
  },
];

describe.each(backends)('rate limiting through the gateway, $name', ({ skip, create }) => {
  let gateway: GatewayServer;
  let limiter: RateLimiter;

  beforeAll(async () => {
    if (skip) return;
    limiter = await create();
    gateway = await startStandaloneGateway({ authenticate: testAuthenticate, enforceRateLimit: createRateLimitEnforcer(limiter, LIMITS) });
  });
  afterAll(async () => {
    await gateway?.stop();
    await limiter?.close();
  });

  it.skipIf(skip !== null)(`refuses a client over its limit with 429, Retry-After and RATE_LIMITED${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    const headers = { 'x-test-user': 'over-the-limit' };
    for (let i = 0; i < LIMITS.user; i += 1) expect((await typename(gateway.url, { headers })).status).toBe(200);
    const refused = await typename(gateway.url, { headers });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.windowSeconds);
    expect(refused.json.data).toBeUndefined();
    expect(refused.json.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect(refused.json.errors[0].message).toBe(
      `Too many requests: a signed-in user may make 3 requests per 60 seconds. Retry in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`,
    );
  });

  it.skipIf(skip !== null)('gives every user their own bucket, apart from the anonymous one of their address', async () => {
    for (let i = 0; i < LIMITS.user; i += 1) await typename(gateway.url, { headers: { 'x-test-user': 'alice' } });
    expect((await typename(gateway.url, { headers: { 'x-test-user': 'alice' } })).status).toBe(429);
    expect((await typename(gateway.url, { headers: { 'x-test-user': 'bob' } })).status).toBe(200);
    expect((await typename(gateway.url, { localAddress: '127.0.0.5' })).status).toBe(200);
  });

  it.skipIf(skip !== null)('counts anonymous clients per IP address', async () => {
    for (let i = 0; i < LIMITS.anonymous; i += 1) expect((await typename(gateway.url, { localAddress: '127.0.0.2' })).status).toBe(200);
    const refused = await typename(gateway.url, { localAddress: '127.0.0.2' });
    expect(refused.status).toBe(429);
    expect(refused.json.errors[0].message).toMatch(/an anonymous client \(per IP address\) may make 2 requests per 60 seconds/);
    expect((await typename(gateway.url, { localAddress: '127.0.0.3' })).status).toBe(200);
  });

  it.skipIf(skip !== null)('charges refused credentials to the sender’s address, so token guessing is limited too', async () => {
    const guess = { localAddress: '127.0.0.7', headers: { 'x-test-refuse': '1' } };
    for (let i = 0; i < LIMITS.anonymous; i += 1) expect((await typename(gateway.url, guess)).status).toBe(401);
    const refused = await typename(gateway.url, guess);
    expect(refused.status).toBe(429);
    expect(refused.json.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await typename(gateway.url, { localAddress: '127.0.0.8', headers: { 'x-test-refuse': '1' } })).status).toBe(401);
  });

  it.skipIf(skip !== null)('counts verified partners per partner, with the partner limit', async () => {
    for (let i = 0; i < LIMITS.partner; i += 1) expect((await typename(gateway.url, { headers: { 'x-test-partner': 'p1' } })).status).toBe(200);
    expect((await typename(gateway.url, { headers: { 'x-test-partner': 'p1' } })).status).toBe(429);
    expect((await typename(gateway.url, { headers: { 'x-test-partner': 'p2' } })).status).toBe(200);
  });
});

describe('rate limiting through the gateway with Redis down', () => {
  const errors: unknown[][] = [];
  let gateway: GatewayServer;
  let limiter: RedisRateLimiter;

  beforeAll(async () => {
    // Nothing listens on port 1: Redis is "down" for the whole test.
    limiter = new RedisRateLimiter({ url: 'redis://127.0.0.1:1', windowMs: 60_000, logger: { error: (...args: unknown[]) => errors.push(args), info: () => undefined } });
    await limiter.whenConnected();
    gateway = await startStandaloneGateway({ authenticate: testAuthenticate, enforceRateLimit: createRateLimitEnforcer(limiter, LIMITS) });
  });
  afterAll(async () => {
    await gateway?.stop();
    await limiter?.close();
  });

  it('keeps serving (fails open) and logs the outage loudly, once', async () => {
    const responses = await Promise.all(Array.from({ length: 3 * LIMITS.anonymous }, () => typename(gateway.url)));
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    expect(responses.every((response) => response.json.data.__typename === 'Query')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toMatch(/Redis rate limiter unavailable: serving requests WITHOUT rate limits/);
  });
});
