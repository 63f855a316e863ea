// Event-driven invalidation of the gateway's response cache, through the real gateway and subgraphs: once the
// backbone's event about a listing or a profile is processed, no cached answer shows the old state — with the
// in-process store and with Redis. Also: a mutation's caller reads their own write at once, and the entity tags
// the subgraphs send the gateway never reach a client.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serverUnavailableReason } from '@threadly/testing';
import { buyer, fillCart, newActiveListing, payAndDeliver, seller, SHIPPING_ADDRESS } from './support/checkout-fixtures.ts';
import type { CheckoutSupergraph } from './support/checkout-supergraph.ts';
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from './support/test-supergraph.ts';

const SELLERS_SHOP = `query($seller: ID!) { products(first: 10, filter: { sellerId: $seller }) { edges { node { id title price { amount } } } } }`;
const LISTING = `query($id: ID!) { product(id: $id) { title status seller { displayName } } }`;
const PROFILE = `query($id: ID!) { user(id: $id) { displayName } }`;
// The buyer's checkout asks for nothing about the products: their entries can only be purged by the events.
const CHECKOUT_ONLY_IDS = `mutation($input: CheckoutInput!) { checkout(input: $input) { paymentIntentId orders { id } } }`;

const redisSkip = serverUnavailableReason('redis');
const stores = [
  { name: 'in-process store', skip: null as string | null, responseCache: {} },
  { name: 'Redis store', skip: redisSkip, responseCache: { redisUrl: process.env.REDIS_URL, keyPrefix: `threadly-test:${randomUUID()}:` } },
];

describe.each(stores)('response cache invalidation, $name', ({ skip, responseCache }) => {
  let supergraph: TestSupergraph;
  let checkoutView: CheckoutSupergraph;
  const responses: GraphQLResponse[] = [];

  /** Anonymous by default: a shopper whose cached answers no mutation of theirs could purge. */
  async function ask(query: string, variables: Record<string, unknown>, as?: string) {
    const response = await supergraph.graphql(query, variables, { as });
    responses.push(response);
    expect(response.body.errors).toBeUndefined();
    return { xCache: response.headers.get('x-cache'), data: response.body.data };
  }

  /** Waits until the events published so far are handled, then for the first answer computed afresh. */
  async function freshAfterEvents(query: string, variables: Record<string, unknown>) {
    await supergraph.settleEvents();
    let fresh: Awaited<ReturnType<typeof ask>> | undefined;
    await vi.waitFor(
      async () => {
        fresh = await ask(query, variables);
        expect(fresh.xCache).toBe('MISS');
      },
      { timeout: 5_000, interval: 50 },
    );
    return fresh!.data;
  }

  beforeAll(async () => {
    if (skip) return;
    supergraph = await startTestSupergraph({ responseCache });
    expect(supergraph.responseCache?.backend).toBe(responseCache.redisUrl ? 'redis' : 'memory');
    checkoutView = {
      ...supergraph,
      stripeWebhookUrl: new URL('/webhooks/stripe', supergraph.gatewayUrl).toString(),
      webhookSecret: '',
      graphql: (query, variables, options) => supergraph.graphql(query, variables, { as: options?.as }),
    };
  }, 180_000);
  afterAll(async () => {
    await supergraph?.close();
  });

  it.skipIf(skip !== null)(`drops a sold listing from cached lists and pages once its events are processed${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    const productId = await newActiveListing(checkoutView);
    await supergraph.settleEvents();
    const ids = (data: { products: { edges: Array<{ node: { id: string } }> } }) => data.products.edges.map(({ node }) => node.id);

    const first = await ask(SELLERS_SHOP, { seller: seller.id });
    expect(first.xCache).toBe('MISS');
    expect(ids(first.data)).toContain(productId);
    const page = await ask(LISTING, { id: productId });
    expect(page.xCache).toBe('MISS');
    expect(page.data.product.status).toBe('ACTIVE');
    expect(await ask(SELLERS_SHOP, { seller: seller.id })).toMatchObject({ xCache: 'HIT', data: first.data });
    expect((await ask(LISTING, { id: productId })).xCache).toBe('HIT');

    // The buyer checks out: catalog reserves the listing and says so on the backbone (product.status_changed).
    await fillCart(checkoutView, { as: buyer.id }, [productId]);
    const placed = await supergraph.graphql(CHECKOUT_ONLY_IDS, { input: { shippingAddress: SHIPPING_ADDRESS } }, { as: buyer.id });
    expect(placed.body.errors).toBeUndefined();

    expect(ids(await freshAfterEvents(SELLERS_SHOP, { seller: seller.id }))).not.toContain(productId);
    expect((await freshAfterEvents(LISTING, { id: productId })).product.status).toBe('RESERVED');

    // The payment settles: order.paid → catalog marks it SOLD → product.status_changed again.
    await payAndDeliver(checkoutView, placed.body.data.checkout.paymentIntentId);
    await vi.waitFor(async () => {
      await supergraph.settleEvents();
      const sold = await ask(LISTING, { id: productId });
      expect(sold.data.product.status).toBe('SOLD');
    }, { timeout: 10_000, interval: 100 });
    expect((await ask(LISTING, { id: productId })).xCache).toBe('HIT');
  });

  it.skipIf(skip !== null)('shows a changed profile once user.updated is processed', async () => {
    const before = await ask(PROFILE, { id: buyer.id });
    expect(before.xCache).toBe('MISS');
    expect((await ask(PROFILE, { id: buyer.id })).xCache).toBe('HIT');
    const renamed = `Ada ${randomUUID().slice(0, 6)}`;
    // `__typename` only: the mutation's answer carries no User tag, so only the event can purge the profile.
    const updated = await supergraph.graphql('mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { __typename } }', { input: { displayName: renamed } }, { as: buyer.id });
    expect(updated.body.errors).toBeUndefined();
    expect((await freshAfterEvents(PROFILE, { id: buyer.id })).user.displayName).toBe(renamed);
  });

  it.skipIf(skip !== null)("lets a mutation's caller read their own write at once, public and private", async () => {
    const productId = await newActiveListing(checkoutView);
    expect((await ask(LISTING, { id: productId }, seller.id)).xCache).toBe('MISS');
    const favorites = `{ me { favorites(first: 20) { edges { node { id } } } } }`;
    const mine = await ask(favorites, {}, buyer.id);
    expect(mine.data.me.favorites.edges).not.toContainEqual({ node: { id: productId } });
    expect((await ask(favorites, {}, buyer.id)).xCache).toBe('HIT');

    const edited = await supergraph.graphql('mutation($id: ID!) { updateListing(id: $id, input: { title: "Linen shirt, size L" }) { id } }', { id: productId }, { as: seller.id });
    expect(edited.body.errors).toBeUndefined();
    const page = await ask(LISTING, { id: productId }, seller.id);
    expect(page).toMatchObject({ xCache: 'MISS', data: { product: { title: 'Linen shirt, size L' } } });

    const favorited = await supergraph.graphql('mutation($id: ID!) { favoriteProduct(productId: $id) { id } }', { id: productId }, { as: buyer.id });
    expect(favorited.body.errors).toBeUndefined();
    const after = await ask(favorites, {}, buyer.id);
    expect(after.xCache).toBe('MISS');
    expect(after.data.me.favorites.edges).toContainEqual({ node: { id: productId } });
  });

  it.skipIf(skip !== null)("never lets the subgraphs' entity tags reach a client", () => {
    expect(responses.length).toBeGreaterThan(10);
    expect(responses.map((response) => response.headers.get('x-cache'))).toEqual(expect.arrayContaining(['HIT', 'MISS']));
    for (const response of responses) {
      expect(response.body).not.toHaveProperty('extensions');
      expect(JSON.stringify(response.body)).not.toMatch(/Product:|User:|cacheTags/);
    }
  });
});
