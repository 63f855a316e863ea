// The web app's main flow in a real browser, as a person would use it: Chromium (playwright-core) drives the app
// served by Vite against the real gateway and subgraphs. Screenshots of each key screen land in test/screenshots/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentClerkSessionOptions } from '@threadly/gateway';
import { DEVELOPMENT_STRIPE_WEBHOOK_SECRET } from '@threadly/config';
import { startTestSupergraph, type TestSupergraph } from '../../../gateway/test/support/test-supergraph.ts';
import { launchChromium } from './support/chromium.ts';
import { servePhotoStandIns } from './support/photo-stand-ins.ts';
import { freePort, startWebAppServer, type WebAppServer } from './support/web-app-server.ts';

const BUYER = 'd389d1ce-01f0-543d-bf25-86078e8394d6';
const SELLER = '2a155597-5619-546d-9db2-8968ae83a6a8';
const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');
/** Long enough for a slow, shared machine; the live parts arrive in well under a second when it is quiet. */
const SEEN = { timeout: 30_000 };
const STEP_TIMEOUT = 120_000;

let supergraph: TestSupergraph;
let app: WebAppServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const CONDITION_LABELS: Record<string, string> = { NEW_WITH_TAGS: 'New with tags', NEW_WITHOUT_TAGS: 'New without tags', VERY_GOOD: 'Very good', GOOD: 'Good', FAIR: 'Fair' };

interface TargetListing {
  id: string;
  title: string;
  brand: string;
  size: string | null;
  condition: string;
}

/** A listing of the demo seller the demo buyer has not favorited, to find by searching for it. */
async function pickListing(): Promise<TargetListing> {
  const { body } = await supergraph.graphql(
    `query ($filter: ProductFilter) { products(filter: $filter, first: 40) { edges { node { id title brand size condition isFavorited } } } }`,
    { filter: { sellerId: SELLER } },
    { as: BUYER },
  );
  const nodes = (body.data.products.edges as Array<{ node: TargetListing & { isFavorited: boolean } }>).map((edge) => edge.node);
  const target = nodes.find((node) => node.brand && !node.isFavorited);
  if (!target) throw new Error('The demo seller has no listing with a brand that the demo buyer has not favorited.');
  return target;
}

/** Title and category of every listing for sale, by id: what the photo stand-ins draw. */
async function listingDescriptions(): Promise<Map<string, string>> {
  const descriptions = new Map<string, string>();
  let after: string | null = null;
  do {
    const { body } = await supergraph.graphql(
      'query ($after: String) { products(first: 100, after: $after) { edges { node { id title category { name } } } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    for (const { node } of body.data.products.edges as Array<{ node: { id: string; title: string; category: { name: string } } }>) {
      descriptions.set(node.id, `${node.title} ${node.category.name}`);
    }
    after = body.data.products.pageInfo.hasNextPage ? body.data.products.pageInfo.endCursor : null;
  } while (after);
  return descriptions;
}

const shoot = (name: string) => page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: false });

beforeAll(async () => {
  // First, so a machine without Chromium hears it in one line before anything else starts.
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  // The app's tokens name its origin as their authorized party; the test's own requests keep the development ones.
  const development = developmentClerkSessionOptions();
  supergraph = await startTestSupergraph({
    edge: { corsOrigins: [origin] },
    clerk: { ...development, authorizedParties: [...development.authorizedParties, origin] },
    // The gateway keeps a session's resolution this long: the buyer stays signed in while identity is stopped below.
    local: { userCacheTtlMs: 10 * 60_000 },
  });
  // As in `npm start`: the stand-in tells the gateway about payments by itself.
  supergraph.standIn.configureWebhook({ url: new URL('/webhooks/stripe', supergraph.gatewayUrl).toString(), secret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET, delivery: 'automatic' });
  // The demo buyer's cart holds three other listings; checkout takes the whole cart, and this test buys one item.
  await supergraph.graphql('mutation { clearCart { id } }', {}, { as: BUYER });
  app = await startWebAppServer({ port, graphqlUrl: supergraph.gatewayUrl, stripeStandInUrl: supergraph.standIn.url });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const descriptions = await listingDescriptions();
  await servePhotoStandIns(page, (id) => descriptions.get(id));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await supergraph?.close();
});

describe('the web app, in Chromium, against the real gateway', () => {
  let listing: TargetListing;

  it('signs in as the demo buyer', { timeout: STEP_TIMEOUT }, async () => {
    await page.goto(`${app.origin}/`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Lukas B\./ }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), SEEN).toBe('Lukas B.');
  });

  it('searches, narrows with a filter, and finds the listing', { timeout: STEP_TIMEOUT }, async () => {
    listing = await pickListing();
    // What a person would type: brand and kind of garment ("Arket jumper" for "Arket mohair-blend jumper, size XL").
    const item = listing.title.split(',')[0]!.split(' ');
    const words = `${item[0]} ${item.at(-1)}`;
    await page.getByRole('searchbox', { name: 'Search listings' }).fill(words);
    await page.getByRole('searchbox', { name: 'Search listings' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: `Results for “${words}”` }).waitFor(SEEN);
    const card = page.getByTestId('listing-card').filter({ hasText: listing.title }).filter({ hasText: 'Sofia M.' });
    await card.first().waitFor(SEEN);
    // The best match comes first, with the words it matched marked. (Polled: the heading follows the address bar at
    // once, the cards when the answer arrives.)
    await expect
      .poll(() => page.getByTestId('listing-card').first().locator('.listing-card-title mark').allTextContents(), SEEN)
      .toEqual(expect.arrayContaining([item[0]]));
    await shoot('1-home-search');

    await page.getByRole('checkbox', { name: CONDITION_LABELS[listing.condition] }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('condition'), SEEN).toBe(listing.condition);
    // Every listing shown is in that condition: the filter reached the search, not just the address bar.
    const label = CONDITION_LABELS[listing.condition]!;
    await expect
      .poll(async () => {
        const metas = await page.locator('.listing-card-meta').allTextContents();
        return metas.length > 0 && metas.every((meta) => meta.includes(label));
      }, SEEN)
      .toBe(true);
    await card.first().waitFor(SEEN);
  });

  it('opens the listing and favorites it', { timeout: STEP_TIMEOUT }, async () => {
    await page.getByTestId('listing-card').filter({ hasText: listing.title }).first().click();
    await page.getByRole('heading', { level: 1, name: listing.title }).waitFor(SEEN);
    expect(await page.getByTestId('seller-name').textContent()).toBe('Sofia M.');
    expect(await page.getByTestId('listing-price').textContent()).toMatch(/€/);
    const favorite = page.getByRole('button', { name: 'Add to favorites' });
    await favorite.click();
    await page.getByRole('button', { name: 'Remove from favorites' }).waitFor(SEEN);
    const { body } = await supergraph.graphql('query ($id: ID!) { product(id: $id) { isFavorited } }', { id: listing.id }, { as: BUYER });
    expect(body.data.product.isFavorited).toBe(true);
    await shoot('2-listing');
  });

  it('messages the seller and sees the reply arrive without reloading', { timeout: STEP_TIMEOUT }, async () => {
    // Phrases the demo data never uses, so finding them on screen means these very messages arrived.
    const question = `Hi Sofia, does the ${listing.title.split(',')[0]} run true to size? I'm usually a ${listing.size ?? 'M'}.`;
    await page.getByLabel('Message').fill(question);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('message').filter({ hasText: question }).waitFor(SEEN);
    // Subscribed over graphql-ws through the gateway: the reply will be pushed, not polled for.
    await expect.poll(() => page.getByTestId('live-status').textContent(), SEEN).toBe('Live');

    // The seller answers from elsewhere (her own app): through the gateway, as herself.
    const { body } = await supergraph.graphql('{ myConversations(first: 50) { edges { node { id product { id } } } } }', {}, { as: SELLER });
    const conversation = (body.data.myConversations.edges as Array<{ node: { id: string; product: { id: string } } }>).find((edge) => edge.node.product.id === listing.id);
    expect(conversation, 'the conversation the buyer started, in the seller’s inbox').toBeDefined();
    const reply = 'Yes, it runs true to size. Happy to ship tomorrow!';
    const sent = await supergraph.graphql('mutation ($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }', { id: conversation!.node.id, body: reply }, { as: SELLER });
    expect(sent.body.errors).toBeUndefined();

    await page.getByTestId('message').filter({ hasText: reply }).waitFor(SEEN);
    // Still live: the screen never fell back to polling, so the reply was pushed.
    expect(await page.getByTestId('live-status').textContent()).toBe('Live');
    await page.getByRole('region', { name: /^Conversation with/ }).scrollIntoViewIfNeeded();
    await shoot('3-chat');
  });

  it('checks out, pays with a test card, and watches the order become paid, then shipped', { timeout: STEP_TIMEOUT }, async () => {
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor(SEEN);
    expect(await page.getByTestId('cart-item').count()).toBe(1);
    await page.getByLabel('Full name').fill('Lukas Becker');
    await page.getByLabel('Street and number').fill('Oranienstraße 25');
    await page.getByLabel('Postcode').fill('10999');
    await page.getByLabel('City').fill('Berlin');
    await page.getByLabel('Country (2 letters)').fill('DE');
    await page.getByRole('button', { name: 'Continue to payment' }).click();

    await page.getByRole('heading', { name: 'Payment' }).waitFor(SEEN);
    await page.getByRole('button', { name: /^Pay €/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Order TH-/ }).waitFor(SEEN);
    await expect.poll(() => page.getByTestId('order-status').textContent(), SEEN).toBe('Paid');
    await expect.poll(() => page.getByTestId('live-status').textContent(), SEEN).toBe('Live');

    const orderId = new URL(page.url()).pathname.split('/').at(-1);
    const { body } = await supergraph.graphql('query ($id: ID!) { order(id: $id) { status items { product { id status } } } }', { id: orderId }, { as: BUYER });
    expect(body.data.order.status).toBe('PAID');
    expect(body.data.order.items[0].product).toEqual({ id: listing.id, status: 'SOLD' });

    // The seller ships it from her own app; the buyer's open order page changes by itself.
    const shipped = await supergraph.graphql(
      'mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "JD014600006281234567") { status } }',
      { id: orderId },
      { as: SELLER },
    );
    expect(shipped.body.data?.shipOrder.status).toBe('SHIPPED');
    await expect.poll(() => page.getByTestId('order-status').textContent(), SEEN).toBe('Shipped');
    await expect.poll(() => page.getByTestId('order-timeline').textContent(), SEEN).toContain('JD014600006281234567');
    expect(await page.getByTestId('live-status').textContent()).toBe('Live');
    await shoot('4-order');
  });

  it('with identity down, shows the order and the listing with their people marked unavailable', { timeout: STEP_TIMEOUT }, async () => {
    await supergraph.stopSubgraph('identity');
    try {
      // The order page, reloaded: everything commerce and catalog hold, the seller's name replaced.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: /^Order TH-/ }).waitFor(SEEN);
      await page.getByText('sold by Seller unavailable').waitFor(SEEN);
      expect(await page.getByTestId('order-status').textContent()).toBe('Shipped');
      expect(await page.getByRole('link', { name: listing.title }).count()).toBe(1);
      await shoot('5-order-identity-down');

      // The listing: photos, price and details from catalog; the seller card says what is missing.
      await page.getByRole('link', { name: listing.title }).click();
      await page.getByRole('heading', { level: 1, name: listing.title }).waitFor(SEEN);
      await expect.poll(() => page.getByTestId('seller-name').textContent(), SEEN).toBe('Seller unavailable');
      expect(await page.getByTestId('listing-price').textContent()).toMatch(/€/);
      // The conversation with the seller is still there: messaging knows who wrote what, identity only their names.
      await page.getByTestId('message').filter({ hasText: 'Yes, it runs true to size.' }).waitFor(SEEN);
      expect(await page.locator('.message.theirs .message-sender').first().textContent()).toBe('Sender unavailable');
      await shoot('6-listing-identity-down');
    } finally {
      await supergraph.restartSubgraph('identity');
    }
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
