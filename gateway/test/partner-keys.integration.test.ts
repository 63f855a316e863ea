// Partner API keys end to end: issued and revoked with `npm run partner-key`, sent as `x-api-key` to the real gateway
// over the real subgraphs. A valid key is a partner (no user), an unknown or revoked one is 401, never anonymous,
// and each partner is rate-limited by its own limit when it has one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createLogger } from '@threadly/logger';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import { MemoryRateLimiter } from '../src/edge/memory-rate-limiter.ts';
import { createRateLimitEnforcer } from '../src/edge/rate-limit-enforcer.ts';
import type { GatewayServer } from '../src/index.ts';
import { issuePartnerKey, runPartnerKeyScript } from './support/partner-key-script.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';
import { startExtraGateway } from './support/extra-gateway.ts';

const CATALOG_PAGE = '{ me { id } products(first: 2) { edges { node { id title } } } }';
const LIMITS = { windowSeconds: 60, user: 100, anonymous: 100, partner: 4 };

let supergraph: TestSupergraph;
/** A second gateway over the same subgraphs: rate-limited, and re-asking identity about a key after 1 ms. */
let limited: GatewayServer;
let limiter: MemoryRateLimiter;
const keys: Record<'acme' | 'tiny' | 'doomed' | 'rotating', string> = { acme: '', tiny: '', doomed: '', rotating: '' };

beforeAll(async () => {
  supergraph = await startTestSupergraph();
  const url = supergraph.database.url;
  [keys.acme, keys.tiny, keys.doomed, keys.rotating] = await Promise.all([
    issuePartnerKey(url, ['acme-resale', '--name', 'Acme production']),
    issuePartnerKey(url, ['tiny-partner', '--limit', '2']),
    issuePartnerKey(url, ['doomed-partner']),
    issuePartnerKey(url, ['rotating-partner']),
  ]);
  expect((await runPartnerKeyScript(['revoke', keys.doomed.slice(0, 17)], url)).code).toBe(0);
  limiter = new MemoryRateLimiter({ windowMs: LIMITS.windowSeconds * 1000 });
  const logger = createLogger('gateway', 'silent');
  limited = await startExtraGateway(supergraph.subgraphUrls, { enforceRateLimit: createRateLimitEnforcer(limiter, LIMITS), partnerKeyCacheTtlMs: 1, logger });
}, 180_000);
afterAll(async () => {
  await limited?.stop();
  await limiter?.close();
  await supergraph?.close();
});

const withKey = (key: string, query = CATALOG_PAGE, headers: Record<string, string> = {}) => supergraph.graphql(query, {}, { headers: { 'x-api-key': key, ...headers } });

async function atLimited(key: string) {
  const response = await fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query: '{ categories { id } }' }) });
  return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> } };
}

describe('calling the gateway with a partner API key', () => {
  it('acts as the partner and as no user: public data works, `me` is null, user-only fields are UNAUTHENTICATED', async () => {
    const { status, body } = await withKey(keys.acme);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.me).toBeNull();
    expect(body.data.products.edges).toHaveLength(2);
    const cart = await withKey(keys.acme, '{ myCart { id } }');
    expect(cart.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a revoked key and an unknown key with 401 UNAUTHENTICATED, and no data', async () => {
    for (const key of [keys.doomed, `thr_live_${'Z'.repeat(32)}`]) {
      const { status, body } = await withKey(key);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]).toMatchObject({ message: 'Unknown or revoked API key.', extensions: { code: 'UNAUTHENTICATED' } });
    }
    expect((await withKey('not-a-key')).status).toBe(401);
  });

  it('refuses a request that carries both a session token and an API key, whichever is valid', async () => {
    const token = signDevelopmentSessionToken(findDemoUser(DEMO_ACCOUNTS.buyer.id)!);
    const { status, body } = await withKey(keys.acme, '{ me { id } }', { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toBe('Send either an Authorization header (a signed-in user) or an x-api-key header (a partner), not both.');
  });

  it('rotates: the new key works at once, the old one keeps working until revoked, then is refused', async () => {
    expect((await atLimited(keys.rotating)).status).toBe(200);
    const url = supergraph.database.url;
    const replacement = await issuePartnerKey(url, ['rotating-partner', '--name', 'Rotated']);
    expect((await atLimited(keys.rotating)).status).toBe(200);
    expect((await atLimited(replacement)).status).toBe(200);
    expect((await runPartnerKeyScript(['revoke', keys.rotating.slice(0, 17)], url)).stdout).toMatch(/^Revoked thr_live_\w{8} \("rotating-partner key", partner rotating-partner\)/);
    expect((await atLimited(keys.rotating)).status).toBe(401);
    expect((await atLimited(replacement)).status).toBe(200);
  });
});

describe('rate limiting per partner', () => {
  it('holds a partner to its own limit, with 429 and RATE_LIMITED', async () => {
    for (let i = 0; i < 2; i += 1) expect((await atLimited(keys.tiny)).status).toBe(200);
    const refused = await atLimited(keys.tiny);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0]?.message).toMatch(/^Too many requests: a partner \(all its API keys together\) may make 2 requests per 60 seconds\./);
  });

  it('gives a partner without its own limit RATE_LIMIT_PARTNER, in a bucket of its own', async () => {
    for (let i = 0; i < LIMITS.partner; i += 1) expect((await atLimited(keys.acme)).status).toBe(200);
    expect((await atLimited(keys.acme)).status).toBe(429);
    expect((await atLimited(keys.tiny)).body.errors?.[0]?.message).toMatch(/may make 2 requests/);
  });
});

describe('npm run partner-key', () => {
  it('prints a new key once, as the last line, warning it cannot be shown again; lists keys without them', async () => {
    const url = supergraph.database.url;
    const created = await runPartnerKeyScript(['create', 'listed-partner', '--name', 'Listed', '--limit', '7'], url);
    expect(created.code).toBe(0);
    const [key, ...more] = created.stdout.trim().split('\n').reverse();
    expect(key).toMatch(/^thr_live_[0-9A-Za-z]{32}$/);
    expect(more).toEqual([]);
    expect(created.stderr).toMatch(/limited to 7 requests per window[\s\S]*cannot be shown again/);
    const { rows } = await supergraph.database.pool.query(`SELECT row_to_json(k)::text AS row FROM identity."PartnerApiKey" k`);
    expect(rows.map(({ row }) => row).join('\n')).not.toMatch(/thr_live_[0-9A-Za-z]{32}/);

    const list = await runPartnerKeyScript(['list'], url);
    expect(list.stdout).toMatch(new RegExp(`${key!.slice(0, 17)}\\s+listed-partner\\s+Listed\\s+7\\s+.+ UTC\\s+active`));
    expect(list.stdout).toMatch(new RegExp(`${keys.doomed.slice(0, 17)}\\s+doomed-partner\\s+doomed-partner key\\s+default\\s+.+revoked`));
    expect(list.stdout).not.toMatch(/thr_live_[0-9A-Za-z]{32}/);
  });

  it('says in one line what is wrong: no DATABASE_URL, a partner id that is not a slug, an unknown prefix', async () => {
    const [noDatabase, badSlug, unknown] = await Promise.all([
      runPartnerKeyScript(['list'], undefined),
      runPartnerKeyScript(['create', 'Acme Resale'], supergraph.database.url),
      runPartnerKeyScript(['revoke', 'thr_live_nosuchky'], supergraph.database.url),
    ]);
    expect(noDatabase).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^DATABASE_URL is required: .*\n$/) });
    expect(badSlug).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^<partnerId>: expected a slug such as acme-resale .*\n$/) });
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/^No API key starts with thr_live_nosuchky; /) });
  });
});
