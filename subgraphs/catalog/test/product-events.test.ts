// Every listing change writes its product event to catalog's outbox in the same transaction (no relay runs here,
// so the rows stay for the test to read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import type { Viewer } from '@threadly/identity-headers';
import { startCatalog, type CatalogHarness } from './harness.ts';

let catalog: CatalogHarness;
beforeAll(async () => {
  catalog = await startCatalog();
}, 60_000);
afterAll(() => catalog?.close());

const seller: Viewer = { userId: DEMO_ACCOUNTS.buyer.id, role: 'BUYER' };

const eventsOf = async (productId: string) =>
  (await catalog.pool.query<{ type: string; payload: Record<string, unknown> }>(
    `SELECT type, payload FROM catalog."OutboxEvent" WHERE "aggregateId" = $1 ORDER BY "occurredAt", id`,
    [productId],
  )).rows;

describe('product events', () => {
  it('announces creation, edits and each status change, with the fields an edit changed', async () => {
    const categoryId = catalog.data.categories.find((category) => !catalog.data.categories.some((child) => child.parentId === category.id))!.id;
    const created = await catalog.request<{ createListing: { id: string } }>(
      `mutation ($input: CreateListingInput!) { createListing(input: $input) { id } }`,
      { input: { title: 'Wool coat', description: 'Warm.', price: { amount: 9000 }, condition: 'GOOD', categoryId, images: [{ url: 'https://images.example.com/c.jpg', alt: 'Coat' }] } },
      seller,
    );
    const id = created.data!.createListing.id;
    const update = `mutation ($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id } }`;
    expect((await catalog.request(update, { id, input: { title: 'Wool coat, navy', price: { amount: 9000 }, brand: 'Acme' } }, seller)).errors).toBeUndefined();
    expect((await catalog.request(`mutation ($id: ID!) { publishListing(id: $id) { id } }`, { id }, seller)).errors).toBeUndefined();
    expect((await catalog.request(`mutation ($id: ID!) { archiveListing(id: $id) { id } }`, { id }, seller)).errors).toBeUndefined();
    const facts = { productId: id, sellerId: seller.userId, categoryId };
    expect(await eventsOf(id)).toEqual([
      { type: 'product.created', payload: { ...facts, status: 'DRAFT' } },
      { type: 'product.updated', payload: { ...facts, status: 'DRAFT', changedFields: ['title', 'brand'] } },
      { type: 'product.status_changed', payload: { ...facts, status: 'ACTIVE', from: 'DRAFT' } },
      { type: 'product.status_changed', payload: { ...facts, status: 'ARCHIVED', from: 'ACTIVE' } },
    ]);
  });

  it('announces nothing for a refused transition', async () => {
    const listing = catalog.data.products.find((product) => product.status === 'SOLD')!;
    const owner: Viewer = { userId: listing.sellerId, role: 'SELLER' };
    const refused = await catalog.request(`mutation ($id: ID!) { archiveListing(id: $id) { id } }`, { id: listing.id }, owner);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await eventsOf(listing.id)).toEqual([]);
  });
});
