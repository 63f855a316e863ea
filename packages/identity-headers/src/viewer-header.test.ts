import { describe, expect, it } from 'vitest';
import { signViewer, verifyViewer } from './viewer-header.ts';

const secret = 's'.repeat(40);
const viewer = { userId: '0b9f1c1e-7c1a-4a57-9a37-0f6f8f3f4a11', role: 'SELLER' as const };

describe('viewer header', () => {
  it('round-trips a viewer signed with the shared secret', () => {
    expect(verifyViewer(signViewer(viewer, secret), secret)).toEqual({ status: 'valid', viewer });
  });

  it('is anonymous when absent', () => {
    expect(verifyViewer(undefined, secret)).toEqual({ status: 'anonymous' });
  });

  it('rejects a header signed with another secret', () => {
    expect(verifyViewer(signViewer(viewer, 'x'.repeat(40)), secret).status).toBe('invalid');
  });

  it('rejects a body changed after signing (privilege escalation attempt)', () => {
    const [version, body, signature] = signViewer(viewer, secret).split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, role: 'ADMIN' })).toString('base64url');
    expect(verifyViewer(`${version}.${forged}.${signature}`, secret)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('signature') });
  });

  it('rejects an expired header', () => {
    const header = signViewer(viewer, secret, 60, Date.now() - 120_000);
    expect(verifyViewer(header, secret)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('expired') });
  });

  it('rejects garbage', () => {
    for (const header of ['', 'v1', 'v1..', 'v2.a.b', 'v1.%%%.abc']) {
      expect(verifyViewer(header || 'x', secret).status).toBe('invalid');
    }
  });
});
