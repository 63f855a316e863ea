import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET } from '@threadly/config';
import { loadIdentityEnv } from '../src/env.ts';

const productionBasics = { NODE_ENV: 'production', IDENTITY_HEADER_SECRET: 'p'.repeat(40) };

describe('identity configuration', () => {
  it('runs on development defaults outside production', () => {
    expect(loadIdentityEnv({})).toMatchObject({ CLERK_WEBHOOK_SIGNING_SECRET: DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET, REDIS_URL: undefined });
  });

  it('refuses the development webhook signing secret in production', () => {
    expect(() => loadIdentityEnv(productionBasics)).toThrow(/CLERK_WEBHOOK_SIGNING_SECRET — the development default is refused/);
    const secret = `whsec_${Buffer.from('a-real-signing-key-from-clerk!!!').toString('base64')}`;
    expect(loadIdentityEnv({ ...productionBasics, CLERK_WEBHOOK_SIGNING_SECRET: secret }).CLERK_WEBHOOK_SIGNING_SECRET).toBe(secret);
  });

  it('names a signing secret that is not a whsec_ secret', () => {
    expect(() => loadIdentityEnv({ CLERK_WEBHOOK_SIGNING_SECRET: 'sk_test_123' })).toThrow(/CLERK_WEBHOOK_SIGNING_SECRET — expected the whsec_… signing secret/);
  });
});
