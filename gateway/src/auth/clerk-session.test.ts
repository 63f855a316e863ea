import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { developmentClerkSessionOptions } from './clerk-env.ts';
import { bearerTokenOf, verifyClerkSession } from './clerk-session.ts';
import { readDevelopmentPublicKey } from './development-keys.ts';
import { signDevelopmentSessionToken } from './dev-token.ts';

const options = developmentClerkSessionOptions();
const ada = { clerkId: 'user_2adaLovelace', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', imageUrl: 'https://img.example/ada.png' };

/** The GraphQLError a rejected session throws, for asserting its message, code and HTTP status together. */
async function rejection(attempt: () => Promise<unknown>) {
  const error = await attempt().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  const { message, extensions } = error as GraphQLError;
  return { message, code: extensions.code, status: (extensions.http as { status: number }).status };
}

const reject = (token: string, overrides = {}) => rejection(() => verifyClerkSession(token, { ...options, ...overrides }));

describe('verifying a Clerk session token', () => {
  it('accepts a token signed with the configured key and reads the profile claims', async () => {
    expect(await verifyClerkSession(signDevelopmentSessionToken(ada), options)).toEqual(ada);
  });

  it('leaves out profile claims it cannot use instead of refusing the sign-in', async () => {
    const token = signDevelopmentSessionToken({ clerkId: 'user_2x', email: 'not an email', imageUrl: 'javascript:alert(1)' });
    expect(await verifyClerkSession(token, options)).toEqual({ clerkId: 'user_2x' });
  });

  it('refuses a token signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect(await reject(signDevelopmentSessionToken(ada, { privateKey }))).toEqual({
      message: expect.stringMatching(/signature does not verify/),
      code: 'UNAUTHENTICATED',
      status: 401,
    });
  });

  it('refuses an expired token, and one not valid yet beyond the clock skew', async () => {
    const expired = signDevelopmentSessionToken(ada, { now: Date.now() - 2 * 3600_000 });
    expect(await reject(expired)).toMatchObject({ message: 'Session token has expired. Sign in again to get a new one.', status: 401 });
    const early = signDevelopmentSessionToken(ada, { notBefore: Date.now() + 60_000 });
    expect(await reject(early)).toMatchObject({ message: expect.stringMatching(/not valid yet/), status: 401 });
  });

  it('tolerates a not-before within the clock skew', async () => {
    const slightlyEarly = signDevelopmentSessionToken(ada, { notBefore: Date.now() + 2_000 });
    expect((await verifyClerkSession(slightlyEarly, options)).clerkId).toBe(ada.clerkId);
  });

  it('refuses a token issued for another application (azp)', async () => {
    const token = signDevelopmentSessionToken(ada, { azp: 'https://evil.example' });
    expect(await reject(token)).toMatchObject({ message: expect.stringMatching(/another application/), code: 'UNAUTHENTICATED' });
  });

  it('refuses another issuer when one is configured', async () => {
    const token = signDevelopmentSessionToken(ada, { issuer: 'https://other.clerk.accounts.dev' });
    expect(await reject(token, { issuer: 'https://threadly-dev.clerk.accounts.dev' })).toMatchObject({ message: expect.stringMatching(/another Clerk instance/) });
  });

  it('refuses a payload changed after signing (acting as someone else)', async () => {
    const [header, payload, signature] = signDevelopmentSessionToken(ada).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'user_demo_00' })).toString('base64url');
    expect(await reject(`${header}.${forged}.${signature}`)).toMatchObject({ status: 401, message: expect.stringMatching(/signature/) });
  });

  it('refuses algorithm confusion: HS256 "signed" with the public key as the secret', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'user_demo_00', exp: Math.floor(Date.now() / 1000) + 60 })}`;
    const signature = createHmac('sha256', readDevelopmentPublicKey()).update(body).digest('base64url');
    expect(await reject(`${body}.${signature}`)).toMatchObject({ status: 401, message: expect.stringMatching(/unsupported algorithm/) });
  });

  it('refuses garbage', async () => {
    for (const token of ['garbage', 'a.b.c', '...', `${'x'.repeat(40)}.e30.`]) {
      expect(await reject(token), token).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    }
  });
});

describe('reading the Authorization header', () => {
  const request = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

  it('is anonymous without one and reads a Bearer token', () => {
    expect(bearerTokenOf(request())).toBeNull();
    expect(bearerTokenOf(request('Bearer abc.def.ghi'))).toBe('abc.def.ghi');
    expect(bearerTokenOf(request('bearer abc.def.ghi'))).toBe('abc.def.ghi');
  });

  it('refuses any other scheme or an empty token with 401 rather than treating it as anonymous', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'abc.def.ghi', 'Bearer a b']) {
      expect(await rejection(async () => bearerTokenOf(request(header))), header).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    }
  });
});
