import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientIpResolver } from './client-ip.ts';

const request = (forwardedFor?: string) =>
  ({ socket: { remoteAddress: '10.0.0.9' }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('client IP', () => {
  it('is the socket address when no proxy is trusted, whatever the client claims', () => {
    expect(createClientIpResolver(0)(request('1.2.3.4'))).toBe('10.0.0.9');
  });

  it('behind one trusted proxy is the address that proxy appended', () => {
    expect(createClientIpResolver(1)(request('6.6.6.6, 203.0.113.7'))).toBe('203.0.113.7');
  });

  it('behind two trusted proxies skips the inner proxy', () => {
    expect(createClientIpResolver(2)(request('6.6.6.6, 203.0.113.7, 10.1.1.1'))).toBe('203.0.113.7');
  });

  it('falls back to the socket when the header is missing', () => {
    expect(createClientIpResolver(1)(request())).toBe('10.0.0.9');
  });
});
