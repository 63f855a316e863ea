// The gateway's response cache through the real subgraphs: policies merged from the subgraphs' Cache-Control
// headers, PRIVATE answers kept per verified user or partner, nothing cached that has an error, is a mutation or
// touches carts and orders — with the in-process LRU, with Redis (when REDIS_URL is set) and with Redis down.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createLogger } from '@threadly/logger';
import { serverUnavailableReason } from '@threadly/testing';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import { createResponseCacheStore, type ResponseCacheStore } from '../src/cache/response-cache-store.ts';
import type { GatewayServer } from '../src/index.ts';
import { issuePartnerKey } from './support/partner-key-script.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';
import { startExtraGateway } from './support/extra-gateway.ts';

const silent = createLogger('gateway', 'silent');
const BUYER = DEMO_ACCOUNTS.buyer.id;
const SELLER = DEMO_ACCOUNTS.seller.id;

let supergraph: TestSupergraph;
const partnerKeys = { acme: '', other: '' };
/** An ACTIVE listing anyone sees, and a draft of the seller's only they (and admins) see. */
let activeId = '';
let draftId = '';
let categorySlug = '';

interface CachedResponse {
  status: number;
  xCache: string | null;
  cacheControl: string | null;
  // Each test reads the parts it asserts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

type Caller = { as: string } | { apiKey: string } | 'anonymous';

async function ask(gateway: GatewayServer, query: string, caller: Caller, variables: Record<string, unknown> = {}): Promise<CachedResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller !== 'anonymous' && 'as' in caller) headers.authorization = `Bearer ${signDevelopmentSessionToken(findDemoUser(caller.as)!)}`;
  if (caller !== 'anonymous' && 'apiKey' in caller) headers['x-api-key'] = caller.apiKey;
  const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return {
    status: response.status,
    xCache: response.headers.get('x-cache'),
    cacheControl: response.headers.get('cache-control'),
    body: (await response.json()) as CachedResponse['body'],
  };
}

/** A gateway over the test supergraph's subgraphs, caching in `store`, with real sign-in and partner keys. */
function startCachingGateway(store: ResponseCacheStore) {
  return startExtraGateway(supergraph.subgraphUrls, { responseCache: store.cache, logger: silent });
}

beforeAll(async () => {
  supergraph = await startTestSupergraph();
  const url = supergraph.database.url;
  [partnerKeys.acme, partnerKeys.other] = await Promise.all([issuePartnerKey(url, ['cache-acme']), issuePartnerKey(url, ['cache-other'])]);
  const { body } = await supergraph.graphql(
    `{ products(first: 1) { edges { node { id } } } categories { slug }
       me { listings(first: 1, status: DRAFT) { edges { node { id } } } } }`,
    {},
    { as: SELLER },
  );
  activeId = body.data.products.edges[0].node.id;
  categorySlug = body.data.categories[0].slug;
  draftId = body.data.me.listings.edges[0].node.id;
}, 180_000);
afterAll(async () => {
  await supergraph?.close();
});

const redisSkip = serverUnavailableReason('redis');
const backends: Array<{ name: string; skip: string | null; redisUrl?: string }> = [
  { name: 'in-process LRU', skip: null },
  { name: 'Redis', skip: redisSkip, redisUrl: process.env.REDIS_URL },
];

describe.each(backends)('the response cache, $name', ({ skip, redisUrl }) => {
  let store: ResponseCacheStore;
  let gateway: GatewayServer;

  beforeAll(async () => {
    if (skip) return;
    store = await createResponseCacheStore({ redisUrl, keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent });
    gateway = await startCachingGateway(store);
  });
  afterAll(async () => {
    await gateway?.stop();
    await store?.close();
  });

  it.skipIf(skip !== null)(`serves a public query from the cache the second time, with the shortest hint as max-age${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    const shop = `{ products(first: 3) { edges { node { id title price { amount currency } category { name } seller { displayName } } } } }`;
    const first = await ask(gateway, shop, 'anonymous');
    expect(first.body.errors).toBeUndefined();
    expect(first.xCache).toBe('MISS');
    // products: 5 min; Product and User 1 h; Category 24 h: the list's 5 minutes win.
    expect(first.cacheControl).toBe('max-age=300, public');
    const second = await ask(gateway, shop, 'anonymous');
    expect(second.xCache).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(second.cacheControl).toBe('max-age=300, public');

    expect((await ask(gateway, `query($id: ID!) { product(id: $id) { title seller { displayName } } }`, 'anonymous', { id: activeId })).cacheControl).toBe(
      'max-age=3600, public',
    );
    expect((await ask(gateway, `query($slug: String!) { category(slug: $slug) { name } }`, 'anonymous', { slug: categorySlug })).cacheControl).toBe(
      'max-age=86400, public',
    );
  });

  it.skipIf(skip !== null)('keeps PRIVATE answers per user and per partner: never served to anyone else', async () => {
    const mine = `query($id: ID!) { me { id email } product(id: $id) { id isFavorited } }`;
    const buyer = await ask(gateway, mine, { as: BUYER }, { id: activeId });
    expect(buyer.body.errors).toBeUndefined();
    expect(buyer.body.data.me.id).toBe(BUYER);
    expect(buyer.xCache).toBe('MISS');
    expect(buyer.cacheControl).toBe('max-age=300, private');
    expect((await ask(gateway, mine, { as: BUYER }, { id: activeId })).xCache).toBe('HIT');

    const seller = await ask(gateway, mine, { as: SELLER }, { id: activeId });
    expect(seller.xCache).toBe('MISS');
    expect(seller.body.data.me).toMatchObject({ id: SELLER, email: DEMO_ACCOUNTS.seller.email });

    const acme = await ask(gateway, mine, { apiKey: partnerKeys.acme }, { id: activeId });
    expect(acme.xCache).toBe('MISS');
    expect(acme.body.data.me).toBeNull();
    expect((await ask(gateway, mine, { apiKey: partnerKeys.acme }, { id: activeId })).xCache).toBe('HIT');
    const other = await ask(gateway, mine, { apiKey: partnerKeys.other }, { id: activeId });
    expect(other.xCache).toBe('MISS');
    expect(other.body.data.me).toBeNull();

    // Anonymous callers have no session to key a PRIVATE answer by: never cached, never served one.
    for (let i = 0; i < 2; i += 1) {
      const anonymous = await ask(gateway, mine, 'anonymous', { id: activeId });
      expect(anonymous.xCache).toBe('BYPASS');
      expect(anonymous.body.data.me).toBeNull();
    }

    const buyerAgain = await ask(gateway, mine, { as: BUYER }, { id: activeId });
    expect(buyerAgain.xCache).toBe('HIT');
    expect(buyerAgain.body).toEqual(buyer.body);
    expect((await ask(gateway, mine, { as: SELLER }, { id: activeId })).body).toEqual(seller.body);
  });

  it.skipIf(skip !== null)('treats a draft its seller sees as PRIVATE: another user still gets NOT_FOUND', async () => {
    const draft = `query($id: ID!) { product(id: $id) { id status title } }`;
    const seller = await ask(gateway, draft, { as: SELLER }, { id: draftId });
    expect(seller.body.data.product.status).toBe('DRAFT');
    expect(seller.cacheControl).toBe('max-age=3600, private');
    expect((await ask(gateway, draft, { as: SELLER }, { id: draftId })).xCache).toBe('HIT');
    for (const caller of [{ as: BUYER }, { apiKey: partnerKeys.acme }, 'anonymous'] as const) {
      const outsider = await ask(gateway, draft, caller, { id: draftId });
      expect(outsider.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(outsider.xCache).toBe('BYPASS');
    }
  });

  it.skipIf(skip !== null)('caches nothing that has an error', async () => {
    const missing = `{ product(id: "${randomUUID()}") { id } }`;
    // A refused field errors only part of the response; the rest is not cached either.
    const partly = `query($seller: ID!) { categories { name } user(id: $seller) { displayName favorites(first: 1) { edges { node { id } } } } }`;
    for (let i = 0; i < 2; i += 1) {
      const notFound = await ask(gateway, missing, 'anonymous');
      expect(notFound.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(notFound.xCache).toBe('BYPASS');
      expect(notFound.cacheControl).toBe('no-store');
      const forbidden = await ask(gateway, partly, { as: BUYER }, { seller: SELLER });
      expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(forbidden.xCache).toBe('BYPASS');
      expect(forbidden.cacheControl).toBe('no-store');
    }
  });

  it.skipIf(skip !== null)('never caches mutations, carts or orders', async () => {
    const favorite = `mutation($id: ID!) { favoriteProduct(productId: $id) { id isFavorited } }`;
    const account = `{ myCart { id itemCount } myOrders(first: 2) { edges { node { id status } } } me { displayName } }`;
    for (let i = 0; i < 2; i += 1) {
      const mutation = await ask(gateway, favorite, { as: SELLER }, { id: activeId });
      expect(mutation.body.errors).toBeUndefined();
      expect(mutation.xCache).toBe('BYPASS');
      expect(mutation.cacheControl).toBe('no-store');
      const orders = await ask(gateway, account, { as: BUYER });
      expect(orders.body.errors).toBeUndefined();
      expect(orders.xCache).toBe('BYPASS');
      expect(orders.cacheControl).toBe('no-store');
    }
  });
});

describe('the response cache with Redis down', () => {
  let store: ResponseCacheStore;
  let gateway: GatewayServer;

  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once, as in an outage.
    store = await createResponseCacheStore({ redisUrl: 'redis://127.0.0.1:1', keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent });
    gateway = await startCachingGateway(store);
  });
  afterAll(async () => {
    await gateway?.stop();
    await store?.close();
  });

  it('still serves every request, from the subgraphs', async () => {
    const shop = `{ categories { name } products(first: 2) { edges { node { title } } } }`;
    for (let i = 0; i < 3; i += 1) {
      const response = await ask(gateway, shop, 'anonymous');
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.products.edges).toHaveLength(2);
      expect(response.xCache).toBe('MISS');
    }
  });
});
