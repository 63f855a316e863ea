// Persisted operations through the real gateway and subgraphs: partners run only their manifest, by hash; first-party
// clients follow the safelist, audit or open mode; an APQ registration never makes an unknown operation trusted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createLogger } from '@threadly/logger';
import { HomeDocument, MyCartDocument } from '@threadly/mobile-client';
import { PartnerCategoriesDocument, PartnerListingsByCategoryDocument } from '@threadly/partner-client';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import type { GatewayServer } from '../src/index.ts';
import { sha256Hex } from '../src/plugins/persisted-operations-manifest.ts';
import type { FirstPartyMode } from '../src/plugins/persisted-operations-policy.ts';
import { issuePartnerKey } from './support/partner-key-script.ts';
import { hashOf, manifests, persistedOperationsFor } from './support/persisted-operations.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';
import { startExtraGateway } from './support/extra-gateway.ts';

const UNKNOWN = 'query SellerEmails { products(first: 3) { edges { node { id seller { displayName } } } } }';
const byHash = (hash: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
const register = (query: string) => ({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } });

let supergraph: TestSupergraph;
let partnerKey = '';
const buyerToken = () => signDevelopmentSessionToken(findDemoUser(DEMO_ACCOUNTS.buyer.id)!);
const gateways: Partial<Record<FirstPartyMode, GatewayServer>> = {};
const auditLogger = createLogger('gateway', 'silent');
const auditWarnings = vi.spyOn(auditLogger, 'warn');

/** A gateway over the test supergraph's subgraphs with real sign-in and partner keys, in the given mode. */
function startPersistedGateway(options: Parameters<typeof persistedOperationsFor>, logger = createLogger('gateway', 'silent')) {
  return startExtraGateway(supergraph.subgraphUrls, { persistedOperations: persistedOperationsFor(...options), logger });
}

type Caller = 'partner' | 'buyer' | 'anonymous';

async function post(gateway: GatewayServer, body: Record<string, unknown>, caller: Caller = 'anonymous') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller === 'partner') headers['x-api-key'] = partnerKey;
  if (caller === 'buyer') headers.authorization = `Bearer ${buyerToken()}`;
  const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify(body) });
  // Each test reads the parts it asserts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

const expectNotAllowed = (response: Awaited<ReturnType<typeof post>>) => {
  expect(response.status).toBe(403);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
};

beforeAll(async () => {
  supergraph = await startTestSupergraph();
  partnerKey = await issuePartnerKey(supergraph.database.url, ['acme-resale']);
  gateways.safelist = await startPersistedGateway(['safelist']);
  gateways.audit = await startPersistedGateway(['audit'], auditLogger);
  gateways.open = await startPersistedGateway(['open']);
}, 180_000);
afterAll(async () => {
  for (const gateway of Object.values(gateways)) await gateway.stop();
  await supergraph?.close();
});

describe.each(['safelist', 'open'] as const)('a partner API key, first-party mode %s', (mode) => {
  it('runs a partner manifest operation by its hash', async () => {
    const { status, body } = await post(gateways[mode]!, byHash(hashOf(PartnerListingsByCategoryDocument), { categorySlug: 'women', first: 2 }), 'partner');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.products.edges).toHaveLength(2);
    expect(body.data.products.edges[0].node).toMatchObject({ category: { slug: expect.any(String) }, price: { currency: expect.any(String) } });
  });

  it('refuses a full query — even the exact text of a manifest operation — and a first-party manifest hash', async () => {
    expectNotAllowed(await post(gateways[mode]!, { query: UNKNOWN }, 'partner'));
    expectNotAllowed(await post(gateways[mode]!, { query: manifests.partner.get(hashOf(PartnerCategoriesDocument)) }, 'partner'));
    expectNotAllowed(await post(gateways[mode]!, byHash(hashOf(HomeDocument)), 'partner'));
  });

  it('cannot register a new query with APQ: refused, and the hash stays unknown to everyone', async () => {
    const refused = await post(gateways[mode]!, register(UNKNOWN), 'partner');
    expectNotAllowed(refused);
    expect(refused.body.errors?.[0]?.message).toBe(`Operation ${sha256Hex(UNKNOWN)} is not in the partner manifest.`);
    expectNotAllowed(await post(gateways[mode]!, byHash(sha256Hex(UNKNOWN)), 'partner'));
    if (mode === 'open') {
      const firstParty = await post(gateways.open!, byHash(sha256Hex(UNKNOWN)));
      expect(firstParty.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
  });
});

describe('first-party clients in safelist mode', () => {
  it('run the mobile manifest by hash and by exact text, signed in or not', async () => {
    const home = await post(gateways.safelist!, byHash(hashOf(HomeDocument), { first: 3 }));
    expect(home.status).toBe(200);
    expect(home.body.data.products.edges).toHaveLength(3);
    const cart = await post(gateways.safelist!, { query: manifests.mobile.get(hashOf(MyCartDocument)) }, 'buyer');
    expect(cart.body.errors).toBeUndefined();
    expect(cart.body.data.myCart.id).toEqual(expect.any(String));
  });

  it('refuse an unknown operation as text, as an APQ registration and then by its hash', async () => {
    expectNotAllowed(await post(gateways.safelist!, { query: UNKNOWN }, 'buyer'));
    expectNotAllowed(await post(gateways.safelist!, register(UNKNOWN)));
    const afterRegistration = await post(gateways.safelist!, byHash(sha256Hex(UNKNOWN)), 'buyer');
    expectNotAllowed(afterRegistration);
    expect(afterRegistration.body.errors?.[0]?.message).toMatch(/is not in the web or mobile app manifest, and only those run here \(safelist mode\)\.$/);
  });

  it('let Apollo Sandbox introspect outside production, but not smuggle fields in beside __schema', async () => {
    const introspection = await post(gateways.safelist!, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expectNotAllowed(await post(gateways.safelist!, { query: '{ __schema { queryType { name } } me { email } }' }, 'buyer'));
  });
});

describe('malformed persisted-query extensions', () => {
  const malformed: Array<Record<string, unknown>> = [
    { extensions: { persistedQuery: 'x'.repeat(5000) } },
    { extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } },
    { extensions: { persistedQuery: { version: 1, sha256Hash: '<script>alert(1)</script>' } } },
    { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: sha256Hex('{ __typename }') } } },
    { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'not-the-hash' } } },
  ];

  // A first-party hash the APQ cache does not hold is Apollo's usual 200 PERSISTED_QUERY_NOT_FOUND, whatever it looks like.
  it.each(['safelist', 'audit', 'open'] as const)('get a refusal with a stable code in %s mode, from partners and first-party clients alike, never echoing markup', async (mode) => {
    for (const body of malformed) {
      for (const caller of ['partner', 'anonymous'] as const) {
        const { status, body: answer } = await post(gateways[mode]!, body, caller);
        const code = answer.errors?.[0]?.extensions?.code;
        expect(answer.data, JSON.stringify({ body, caller })).toBeUndefined();
        if (status === 200) expect({ caller, mode, code }).toEqual({ caller: 'anonymous', mode: expect.stringMatching(/^(audit|open)$/), code: 'PERSISTED_QUERY_NOT_FOUND' });
        else expect([400, 403]).toContain(status);
        expect(code).toMatch(/^(PERSISTED_QUERY_NOT_ALLOWED|PERSISTED_QUERY_NOT_SUPPORTED|PERSISTED_QUERY_NOT_FOUND|BAD_REQUEST)$/);
        expect(JSON.stringify(answer)).not.toContain('<script>');
      }
    }
  });
});

describe('first-party clients in audit and open mode', () => {
  it('audit: runs an unknown operation and logs it once per hash, with its name; manifest operations are not logged', async () => {
    auditWarnings.mockClear();
    for (let i = 0; i < 3; i += 1) {
      const { status, body } = await post(gateways.audit!, { query: UNKNOWN }, 'buyer');
      expect(status).toBe(200);
      expect(body.data.products.edges).toHaveLength(3);
    }
    await post(gateways.audit!, byHash(hashOf(HomeDocument)));
    expect(auditWarnings).toHaveBeenCalledTimes(1);
    expect(auditWarnings).toHaveBeenCalledWith(
      { operationName: 'SellerEmails', queryHash: sha256Hex(UNKNOWN), caller: 'user' },
      expect.stringContaining('in no first-party manifest'),
    );
  });

  it('open: runs an unknown operation', async () => {
    const { status, body } = await post(gateways.open!, { query: UNKNOWN });
    expect(status).toBe(200);
    expect(body.data.products.edges).toHaveLength(3);
  });
});
