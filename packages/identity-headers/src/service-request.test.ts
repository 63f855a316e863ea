import { describe, expect, it } from 'vitest';
import { signServiceRequest, verifyServiceRequest } from './service-request.ts';

const secret = 'service-secret'.padEnd(40, '.');
const request = { method: 'POST', path: '/internal/users/resolve', body: '{"clerkId":"user_1"}' };

describe('service request signature', () => {
  it('verifies a request signed with the shared secret', () => {
    expect(verifyServiceRequest(signServiceRequest(request, secret), request, secret)).toBe(true);
  });

  it('refuses another body, path, method or secret', () => {
    const header = signServiceRequest(request, secret);
    expect(verifyServiceRequest(header, { ...request, body: '{"clerkId":"user_2"}' }, secret)).toBe(false);
    expect(verifyServiceRequest(header, { ...request, path: '/internal/other' }, secret)).toBe(false);
    expect(verifyServiceRequest(header, { ...request, method: 'GET' }, secret)).toBe(false);
    expect(verifyServiceRequest(header, request, 'x'.repeat(40))).toBe(false);
  });

  it('refuses a replay after a minute and garbage', () => {
    const old = signServiceRequest(request, secret, Date.now() - 61_000);
    expect(verifyServiceRequest(old, request, secret)).toBe(false);
    expect(verifyServiceRequest(undefined, request, secret)).toBe(false);
    expect(verifyServiceRequest('t=1,s=', request, secret)).toBe(false);
  });
});
