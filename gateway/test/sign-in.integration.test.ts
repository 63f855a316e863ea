// Clerk sign-in at the gateway, through the real gateway and subgraphs: who a request acts as is decided by the
// session token alone, a bad token is refused (never downgraded to anonymous), and a new Clerk user becomes one
// identity user however many of their first requests race.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createLogger } from '@threadly/logger';
import { requireServer } from '@threadly/testing';
import { createClerkAuthenticate } from '../src/auth/clerk-authenticate.ts';
import { developmentClerkSessionOptions } from '../src/auth/clerk-env.ts';
import { createUserResolver, RESOLVE_USER_PATH } from '../src/auth/user-resolver.ts';
import { readSupergraphSdl, startGatewayServer } from '../src/index.ts';
import { signDevelopmentSessionToken, type DevelopmentTokenOptions, type DevelopmentTokenSubject } from '../src/auth/dev-token.ts';
import { startTestSupergraph, TEST_IDENTITY_SECRET, type TestSupergraph } from './support/test-supergraph.ts';

const ME = '{ me { id role email } }';
const demoBuyer = { clerkId: 'user_demo_02', email: DEMO_ACCOUNTS.buyer.email };

let supergraph: TestSupergraph;

beforeAll(async () => {
  supergraph = await startTestSupergraph();
});
afterAll(() => supergraph?.close());

const withToken = (token: string, query = ME) => supergraph.graphql(query, {}, { headers: { authorization: `Bearer ${token}` } });
const tokenFor = (subject: DevelopmentTokenSubject, options?: DevelopmentTokenOptions) => signDevelopmentSessionToken(subject, options);
const newClerkUser = () => {
  const suffix = randomUUID().slice(0, 8);
  return { clerkId: `user_new${suffix}`, email: `new-${suffix}@example.com`, firstName: 'Nova', lastName: 'Newcomer' };
};
const usersWithClerkId = async (clerkId: string) =>
  Number((await supergraph.database.pool.query('SELECT count(*) AS n FROM identity."User" WHERE "clerkId" = $1', [clerkId])).rows[0].n);

describe('signing in with a Clerk session token', () => {
  it('acts as the database user the token belongs to, with the role from the database', async () => {
    const { status, body } = await withToken(tokenFor(demoBuyer));
    expect(status).toBe(200);
    expect(body.data.me).toEqual({ id: DEMO_ACCOUNTS.buyer.id, role: 'BUYER', email: DEMO_ACCOUNTS.buyer.email });
    const seller = await supergraph.graphql(ME, {}, { as: DEMO_ACCOUNTS.seller.id });
    expect(seller.body.data.me).toMatchObject({ id: DEMO_ACCOUNTS.seller.id, role: 'SELLER' });
  });

  it('treats a request without an Authorization header as anonymous', async () => {
    const { status, body } = await supergraph.graphql(ME);
    expect(status).toBe(200);
    expect(body.data.me).toBeNull();
  });

  const { privateKey: strangerKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgedSubject = () => {
    const [header, payload, signature] = tokenFor(demoBuyer).split('.');
    const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'user_demo_00' };
    return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  };
  const refused: Array<[string, () => Record<string, string>, RegExp]> = [
    ['signed with another key', () => ({ authorization: `Bearer ${tokenFor(demoBuyer, { privateKey: strangerKey })}` }), /^Session token signature does not verify/],
    ['changed after signing (sub swapped for the admin)', () => ({ authorization: `Bearer ${forgedSubject()}` }), /^Session token signature does not verify/],
    ['expired', () => ({ authorization: `Bearer ${tokenFor(demoBuyer, { now: Date.now() - 2 * 3600_000 })}` }), /^Session token has expired/],
    ['not valid before a minute from now', () => ({ authorization: `Bearer ${tokenFor(demoBuyer, { notBefore: Date.now() + 60_000 })}` }), /^Session token is not valid yet/],
    ['issued for another application', () => ({ authorization: `Bearer ${tokenFor(demoBuyer, { azp: 'https://evil.example' })}` }), /^Session token was issued for another application/],
    ['garbage', () => ({ authorization: 'Bearer not-a-jwt' }), /^Session token is malformed/],
    ['not a Bearer token', () => ({ authorization: `Basic ${Buffer.from('buyer:secret').toString('base64')}` }), /^The Authorization header must be "Bearer/],
  ];
  it.each(refused)('refuses a token %s with 401 UNAUTHENTICATED, never as anonymous', async (_case, headers, message) => {
    const { status, body, headers: responseHeaders } = await supergraph.graphql(ME, {}, { headers: headers() });
    expect(status).toBe(401);
    expect(responseHeaders.get('www-authenticate')).toMatch(/^Bearer/);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
  });

  it('refuses a deleted account', async () => {
    const gone = newClerkUser();
    await supergraph.database.pool.query(
      `INSERT INTO identity."User" (id, "clerkId", email, "displayName", "deletedAt", "updatedAt") VALUES ($1, $2, $3, 'Deleted member', now(), now())`,
      [randomUUID(), gone.clerkId, `deleted-${gone.clerkId}@users.clerk.invalid`],
    );
    const { status, body } = await withToken(tokenFor(gone));
    expect(status).toBe(401);
    expect(body.errors?.[0]).toMatchObject({ message: 'This account has been deleted.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('npm run token prints, on its last line, a token the gateway accepts', async () => {
    const output = await runTokenScript(['seller@demo.threadly.dev', '--ttl', '600']);
    const token = output.trim().split('\n').at(-1)!;
    const { body } = await withToken(token);
    expect(body.data.me).toMatchObject({ id: DEMO_ACCOUNTS.seller.id, role: 'SELLER' });
  });
});

describe.skipIf(!requireServer('postgres'))('first sign-in of a new Clerk user (PostgreSQL)', () => {
  it('ten concurrent first requests to the gateway create exactly one identity user', async () => {
    const nova = newClerkUser();
    const token = tokenFor(nova);
    const answers = await Promise.all(Array.from({ length: 10 }, () => withToken(token)));
    const ids = new Set(answers.map(({ body }) => body.data?.me?.id));
    expect(ids.size).toBe(1);
    expect(answers[0]!.body.data.me).toMatchObject({ role: 'BUYER', email: nova.email });
    expect(await usersWithClerkId(nova.clerkId)).toBe(1);
  });

  it('ten gateway replicas resolving the same new user at once still create exactly one', async () => {
    const nova = newClerkUser();
    const url = new URL(RESOLVE_USER_PATH, supergraph.subgraphUrls.identity).toString();
    const replicas = Array.from({ length: 10 }, () =>
      createUserResolver({ url, secret: TEST_IDENTITY_SECRET, logger: createLogger('replica', 'silent') }),
    );
    const users = await Promise.all(replicas.map((resolveUser) => resolveUser(nova)));
    expect(new Set(users.map((user) => user.userId)).size).toBe(1);
    expect(await usersWithClerkId(nova.clerkId)).toBe(1);
  });
});

describe('sign-in while identity is unreachable', () => {
  it('answers 503 SUBGRAPH_UNAVAILABLE without naming internal addresses', async () => {
    // Port 1 (tcpmux) is not served anywhere we run: connections are refused at once.
    const dead = 'http://127.0.0.1:1/graphql';
    const gateway = await startGatewayServer({
      supergraphSdl: readSupergraphSdl(),
      subgraphUrls: { identity: dead, catalog: dead, commerce: dead, messaging: dead },
      identitySecret: TEST_IDENTITY_SECRET,
      production: true,
      authenticate: createClerkAuthenticate({
        session: developmentClerkSessionOptions(),
        identityUrl: dead,
        identitySecret: TEST_IDENTITY_SECRET,
        logger: createLogger('gateway', 'silent'),
      }),
      maxBodyBytes: 10_000,
      port: 0,
      logger: createLogger('gateway', 'silent'),
    });
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(demoBuyer)}` },
        body: JSON.stringify({ query: ME }),
      });
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text).errors[0]).toMatchObject({ message: 'Sign-in is temporarily unavailable. Try again in a moment.', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|internal\/users/);
    } finally {
      await gateway.stop();
    }
  });
});

/** Runs `npm run token -- <args>` from the repository root and returns its stdout. */
function runTokenScript(args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', ['run', 'token', '--', ...args], { cwd: resolve(import.meta.dirname, '../..'), env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(stdout) : reject(new Error(`npm run token exited ${code}: ${stderr}`))));
  });
}
