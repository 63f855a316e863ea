import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToService, signServiceRequest, SERVICE_SIGNATURE_HEADER } from '@threadly/identity-headers';
import { createIdentityPrisma, hashPartnerApiKey, PartnerKeyService, RESOLVE_PARTNER_PATH, type IdentityPrisma, type ResolvedPartner } from '../src/index.ts';
import { SECRET, startIdentity, type IdentityHarness } from './support/identity-server.ts';

let identity: IdentityHarness;
let prisma: IdentityPrisma;
let keys: PartnerKeyService;

beforeAll(async () => {
  identity = await startIdentity();
  prisma = createIdentityPrisma(identity.pool);
  keys = new PartnerKeyService(prisma);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await identity?.close();
});

/** The gateway's call: the key's SHA-256, service-signed. */
const resolve = (key: string) =>
  postToService<{ partner: ResolvedPartner | null }>(`${identity.origin}${RESOLVE_PARTNER_PATH}`, { keyHash: hashPartnerApiKey(key) }, SECRET);

const postRaw = async (body: string, signature?: string) => {
  const response = await fetch(`${identity.origin}${RESOLVE_PARTNER_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { [SERVICE_SIGNATURE_HEADER]: signature } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> } };
};

describe('issuing partner API keys', () => {
  it('issues thr_live_ keys of 32 random base62 characters, each different', async () => {
    const issued = await Promise.all(Array.from({ length: 5 }, () => keys.create({ partnerId: 'shape-check' })));
    for (const { key, record } of issued) {
      expect(key).toMatch(/^thr_live_[0-9A-Za-z]{32}$/);
      expect(record).toMatchObject({ partnerId: 'shape-check', name: 'shape-check key', prefix: key.slice(0, 17), revokedAt: null });
    }
    expect(new Set(issued.map(({ key }) => key)).size).toBe(5);
  });

  it('stores only the SHA-256: the key appears nowhere in the table', async () => {
    const { key } = await keys.create({ partnerId: 'hash-only', name: 'Hash only', rateLimitPerWindow: 50 });
    const { rows } = await identity.pool.query<{ row: string }>(`SELECT row_to_json(k)::text AS row FROM identity."PartnerApiKey" k WHERE "partnerId" = 'hash-only'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).toContain(hashPartnerApiKey(key));
    expect(rows[0]!.row).not.toContain(key);
    expect(rows[0]!.row).not.toContain(key.slice('thr_live_'.length));
  });

  it('refuses a partner id that is not a slug, an empty name and a limit out of range', async () => {
    for (const input of [{ partnerId: 'Acme Resale' }, { partnerId: 'acme--resale' }, { partnerId: '' }, { partnerId: 'a'.repeat(65) }]) {
      await expect(keys.create(input), input.partnerId).rejects.toThrow(/slug|at most 64/);
    }
    await expect(keys.create({ partnerId: 'acme', name: '  ' })).rejects.toThrow(/non-empty name/);
    await expect(keys.create({ partnerId: 'acme', rateLimitPerWindow: 0 })).rejects.toThrow(/at least 1/);
    expect(await keys.list()).not.toContainEqual(expect.objectContaining({ partnerId: 'acme' }));
  });
});

describe('POST /internal/partners/resolve', () => {
  it('answers the partner and its own limit for a valid key, a null limit when it has none', async () => {
    const limited = await keys.create({ partnerId: 'acme-resale', rateLimitPerWindow: 900 });
    expect(await resolve(limited.key)).toEqual({ partner: { partnerId: 'acme-resale', rateLimitPerWindow: 900 } });
    const plain = await keys.create({ partnerId: 'plain-partner' });
    expect(await resolve(plain.key)).toEqual({ partner: { partnerId: 'plain-partner', rateLimitPerWindow: null } });
  });

  it('answers partner: null for a key it never issued', async () => {
    expect(await resolve(`thr_live_${'A'.repeat(32)}`)).toEqual({ partner: null });
  });

  it('rotates: a new key of the same partner works alongside the old one, keeps its limit, and the old one stops when revoked', async () => {
    const old = await keys.create({ partnerId: 'rotating', rateLimitPerWindow: 42 });
    const replacement = await keys.create({ partnerId: 'rotating', name: 'Rotated' });
    expect(replacement.record.rateLimitPerWindow).toBe(42);
    expect(await resolve(old.key)).toEqual({ partner: { partnerId: 'rotating', rateLimitPerWindow: 42 } });
    expect(await resolve(replacement.key)).toEqual({ partner: { partnerId: 'rotating', rateLimitPerWindow: 42 } });

    const revoked = await keys.revoke(old.record.prefix);
    expect(revoked).toMatchObject({ alreadyRevoked: false, record: { prefix: old.record.prefix, revokedAt: expect.any(Date) } });
    expect(await resolve(old.key)).toEqual({ partner: null });
    expect(await resolve(replacement.key)).toEqual({ partner: { partnerId: 'rotating', rateLimitPerWindow: 42 } });
  });

  it('revokes by prefix, by the 8 characters alone or by the whole key; a second revocation keeps the first time', async () => {
    const byWholeKey = await keys.create({ partnerId: 'revoke-forms' });
    const first = await keys.revoke(byWholeKey.key);
    expect(first?.alreadyRevoked).toBe(false);
    const again = await keys.revoke(byWholeKey.record.prefix.slice('thr_live_'.length));
    expect(again).toEqual({ alreadyRevoked: true, record: first!.record });
    expect(await keys.revoke('thr_live_nosuchky')).toBeNull();
  });

  it('lists every key, revoked ones too, without their hashes', async () => {
    const listed = await keys.list();
    expect(listed.find((row) => row.partnerId === 'revoke-forms')?.revokedAt).toBeInstanceOf(Date);
    expect(listed.every((row) => !('keyHash' in row))).toBe(true);
  });

  it('refuses unsigned or wrongly signed calls (401) and a body that is not a SHA-256 (400)', async () => {
    const body = JSON.stringify({ keyHash: hashPartnerApiKey('thr_live_x') });
    expect((await postRaw(body)).status).toBe(401);
    expect((await postRaw(body, signServiceRequest({ method: 'POST', path: RESOLVE_PARTNER_PATH, body }, 'another-secret'.padEnd(48, 'y')))).status).toBe(401);
    for (const bad of [{}, { keyHash: 'thr_live_plainkey' }, { keyHash: 'A'.repeat(64) }]) {
      const raw = JSON.stringify(bad);
      const answer = await postRaw(raw, signServiceRequest({ method: 'POST', path: RESOLVE_PARTNER_PATH, body: raw }, SECRET));
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
