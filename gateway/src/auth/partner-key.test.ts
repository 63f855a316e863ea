import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createLogger } from '@threadly/logger';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../test/support/refusal.ts';
import { createPartnerKeyResolver, partnerKeyOf } from './partner-key.ts';

const KEY = `thr_live_${'a1B2'.repeat(8)}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A resolver in front of a fake identity route that answers `answer` and records what it was sent. */
function resolverWith(answer: () => Promise<unknown>, options: { now?: () => number } = {}) {
  const calls: Array<{ url: string; body: unknown }> = [];
  const resolve = createPartnerKeyResolver({
    identityUrl: 'http://identity.invalid/graphql',
    secret: 's'.repeat(40),
    logger: createLogger('test', 'silent'),
    post: async (url, body) => {
      calls.push({ url, body });
      return answer();
    },
    ...options,
  });
  return { resolve, calls };
}

describe('reading the x-api-key header', () => {
  const request = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

  it('is null without one and reads a well-formed key', () => {
    expect(partnerKeyOf(request({}))).toBeNull();
    expect(partnerKeyOf(request({ 'x-api-key': KEY }))).toBe(KEY);
  });

  it('refuses a malformed key with 401 before asking identity', async () => {
    for (const value of ['', 'thr_live_short', `${KEY}x`, `thr_test_${'a'.repeat(32)}`, `${KEY}, ${KEY}`, `thr_live_${'a'.repeat(31)}!`]) {
      expect(await refusalOf((async () => partnerKeyOf(request({ 'x-api-key': value })))()), value).toEqual({
        message: 'The x-api-key header must be one partner API key: thr_live_ followed by 32 letters and digits.',
        code: 'UNAUTHENTICATED',
        status: 401,
      });
    }
  });
});

describe('resolving a partner API key', () => {
  it('sends identity only the SHA-256 of the key, and carries the partner’s own limit', async () => {
    const { resolve, calls } = resolverWith(async () => ({ partner: { partnerId: 'acme-resale', rateLimitPerWindow: 50 } }));
    expect(await resolve(KEY)).toEqual({ kind: 'partner', partnerId: 'acme-resale', rateLimit: 50 });
    expect(calls).toEqual([{ url: 'http://identity.invalid/internal/partners/resolve', body: { keyHash: sha256(KEY) } }]);
    expect(JSON.stringify(calls)).not.toContain(KEY);
  });

  it('leaves the limit to RATE_LIMIT_PARTNER when the partner has none', async () => {
    const { resolve } = resolverWith(async () => ({ partner: { partnerId: 'plain', rateLimitPerWindow: null } }));
    expect(await resolve(KEY)).toEqual({ kind: 'partner', partnerId: 'plain' });
  });

  it('refuses an unknown or revoked key with 401, never as anonymous, and asks once for ten concurrent requests', async () => {
    const { resolve, calls } = resolverWith(async () => ({ partner: null }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => refusalOf(resolve(KEY))));
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(
      new Set([JSON.stringify({ message: 'Unknown or revoked API key.', code: 'UNAUTHENTICATED', status: 401 })]),
    );
    expect(calls).toHaveLength(1);
  });

  it('answers 503 when identity is down or answers nonsense, rather than guessing', async () => {
    const expected = { message: 'Sign-in is temporarily unavailable. Try again in a moment.', code: 'SUBGRAPH_UNAVAILABLE', status: 503 };
    expect(await refusalOf(resolverWith(async () => Promise.reject(new Error('ECONNREFUSED'))).resolve(KEY))).toEqual(expected);
    expect(await refusalOf(resolverWith(async () => ({ partnerId: 'acme' })).resolve(KEY))).toEqual(expected);
  });

  it('while identity cannot be reached after the 60 s cache, keeps the last answer within the same bound as users', async () => {
    // Not 0: lru-cache reads a start time of 0 as "no TTL".
    let clock = 1_000_000;
    let answer: () => Promise<unknown> = async () => ({ partner: { partnerId: 'acme-resale', rateLimitPerWindow: null } });
    const { resolve } = resolverWith(() => answer(), { now: () => clock });
    const unknownKey = `thr_live_${'z9Y8'.repeat(8)}`;
    await resolve(KEY);
    answer = async () => ({ partner: null });
    expect((await refusalOf(resolve(unknownKey)))?.code).toBe('UNAUTHENTICATED');
    answer = async () => Promise.reject(new TypeError('fetch failed'));
    clock += 60_001;
    expect(await resolve(KEY)).toEqual({ kind: 'partner', partnerId: 'acme-resale' });
    // "No such key" stays a refusal when stale: an outage never turns a refused key into a working one.
    expect((await refusalOf(resolve(unknownKey)))?.code).toBe('UNAUTHENTICATED');
    clock += 15 * 60_000;
    expect((await refusalOf(resolve(KEY)))?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });
});
