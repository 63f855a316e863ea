import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeReason } from './close-codes.ts';
import { requestWithCredentials, sessionExpiryOf } from './connection-credentials.ts';

const upgrade = {
  url: '/graphql',
  headers: { authorization: 'Bearer from-the-upgrade', 'x-api-key': 'thr_live_upgrade', 'x-forwarded-for': '203.0.113.9' },
} as unknown as IncomingMessage;

describe('connection credentials', () => {
  it('come from connection_init only, and keep the upgrade request’s other headers', () => {
    const anonymous = requestWithCredentials(upgrade, {});
    expect(anonymous.headers).toEqual({ 'x-forwarded-for': '203.0.113.9' });
    expect(anonymous.url).toBe('/graphql');
    expect(requestWithCredentials(upgrade, { authorization: 'Bearer abc', 'x-api-key': 42 }).headers).toEqual({
      'x-forwarded-for': '203.0.113.9',
      authorization: 'Bearer abc',
    });
    expect(requestWithCredentials(upgrade, { 'x-api-key': 'thr_live_k' }).headers['x-api-key']).toBe('thr_live_k');
  });

  it('give the session token’s expiry, or nothing for anything that is not a token', () => {
    const claims = Buffer.from(JSON.stringify({ sub: 'user_1', exp: 1_900_000_000 })).toString('base64url');
    expect(sessionExpiryOf(`Bearer h.${claims}.s`)).toBe(1_900_000_000_000);
    expect(sessionExpiryOf(undefined)).toBeUndefined();
    expect(sessionExpiryOf('Bearer not-a-jwt')).toBeUndefined();
    expect(sessionExpiryOf('Bearer h.%%%.s')).toBeUndefined();
  });

  it('close reasons fit the 123 bytes the protocol allows', () => {
    expect(closeReason('short')).toBe('short');
    const long = closeReason('é'.repeat(200));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long.endsWith('...')).toBe(true);
  });
});
