import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import type { Viewer } from '@threadly/identity-headers';
import { codeOf, fieldOf, startCatalog, type CatalogHarness } from './harness.ts';

let catalog: CatalogHarness;
beforeAll(async () => {
  catalog = await startCatalog();
}, 60_000);
afterAll(() => catalog?.close());

const seller: Viewer = { userId: DEMO_ACCOUNTS.buyer.id, role: 'BUYER' };
const stranger: Viewer = { userId: DEMO_ACCOUNTS.seller.id, role: 'SELLER' };
const admin: Viewer = { userId: DEMO_ACCOUNTS.admin.id, role: 'ADMIN' };

const FIELDS = 'id title status price { amount currency } size brand color publishedAt seller { id } category { id } images { url alt position }';
const CREATE = `mutation ($input: CreateListingInput!) { createListing(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { ${FIELDS} } }`;
const PUBLISH = `mutation ($id: ID!) { publishListing(id: $id) { ${FIELDS} } }`;
const ARCHIVE = `mutation ($id: ID!) { archiveListing(id: $id) { ${FIELDS} } }`;

interface Listing {
  id: string;
  title: string;
  status: string;
  price: { amount: number; currency: string };
  size: string | null;
  brand: string | null;
  publishedAt: string | null;
  seller: { id: string };
  images: Array<{ url: string; alt: string; position: number }>;
}

const leafCategory = () => catalog.data.categories.find((category) => !catalog.data.categories.some((child) => child.parentId === category.id))!;

const validInput = () => ({
  title: '  Linen summer dress  ',
  description: 'Worn twice, no flaws.',
  price: { amount: 2500 },
  condition: 'VERY_GOOD',
  size: 'M',
  brand: '',
  categoryId: leafCategory().id,
  images: [
    { url: 'https://images.example.com/a.jpg', alt: 'Front' },
    { url: 'https://images.example.com/b.jpg', alt: 'Back' },
  ],
});

async function create(viewer: Viewer = seller): Promise<Listing> {
  const result = await catalog.request<{ createListing: Listing }>(CREATE, { input: validInput() }, viewer);
  expect(result.errors).toBeUndefined();
  return result.data!.createListing;
}

describe('createListing', () => {
  it('creates a DRAFT owned by the viewer, trimmed, EUR by default, images in order', async () => {
    const listing = await create();
    expect(listing).toMatchObject({ title: 'Linen summer dress', status: 'DRAFT', price: { amount: 2500, currency: 'EUR' }, size: 'M', brand: null, publishedAt: null, seller: { id: seller.userId } });
    expect(listing.images.map((image) => [image.alt, image.position])).toEqual([['Front', 0], ['Back', 1]]);
  });

  it('needs a signed-in viewer', async () => {
    expect(codeOf(await catalog.request(CREATE, { input: validInput() }))).toBe('UNAUTHENTICATED');
  });

  it('stores what shoppers will read as plain text: no markup survives in title, description, brand or alt text', async () => {
    const input = {
      ...validInput(),
      title: '<img src=x onerror=alert(1)>Silk <b>scarf</b>',
      description: 'Lovely.\n\n<script>steal()</script>&lt;iframe src=//evil&gt;Hand-rolled hems.',
      brand: '<a href="javascript:alert(1)">Hermès</a>',
      images: [{ url: 'https://images.example.com/s.jpg', alt: '<svg/onload=alert(1)>Folded' }],
    };
    const result = await catalog.request<{ createListing: Listing & { description: string } }>(
      CREATE.replace('title status', 'title description status'),
      { input },
      seller,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createListing).toMatchObject({
      title: 'Silk scarf',
      description: 'Lovely.\n\nHand-rolled hems.',
      brand: 'Hermès',
      images: [{ alt: 'Folded' }],
    });
    const onlyMarkup = await catalog.request(CREATE, { input: { ...validInput(), title: '<b><i></i></b>' } }, seller);
    expect([codeOf(onlyMarkup), fieldOf(onlyMarkup)]).toEqual(['BAD_USER_INPUT', 'input.title']);
  });

  it.each([
    ['input.title', { title: 'ab' }],
    ['input.description', { description: 'x'.repeat(5001) }],
    ['input.price.amount', { price: { amount: 0 } }],
    ['input.price.amount', { price: { amount: 10_000_001 } }],
    ['input.price.currency', { price: { amount: 100, currency: 'eur' } }],
    ['input.size', { size: 'x'.repeat(61) }],
    ['input.images', { images: [] }],
    ['input.images', { images: Array.from({ length: 11 }, () => ({ url: 'https://example.com/a.jpg', alt: 'a' })) }],
    ['input.images.0.url', { images: [{ url: 'http://example.com/a.jpg', alt: 'a' }] }],
    ['input.categoryId', { categoryId: '00000000-0000-4000-8000-000000000000' }],
  ])('rejects a bad %s with BAD_USER_INPUT', async (field, change) => {
    const result = await catalog.request(CREATE, { input: { ...validInput(), ...change } }, seller);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', field]);
  });
});

describe('listing life cycle', () => {
  it('publishes, edits, archives and republishes; wrong transitions name the current status', async () => {
    const draft = await create();
    const published = await catalog.request<{ publishListing: Listing }>(PUBLISH, { id: draft.id }, seller);
    expect(published.data?.publishListing.status).toBe('ACTIVE');
    expect(published.data?.publishListing.publishedAt).not.toBeNull();

    const again = await catalog.request(PUBLISH, { id: draft.id }, seller);
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toContain('ACTIVE');

    const edited = await catalog.request<{ updateListing: Listing }>(
      UPDATE,
      { id: draft.id, input: { title: 'Linen dress', size: null, price: { amount: 1999, currency: 'GBP' }, images: [{ url: 'https://images.example.com/c.jpg', alt: 'Only' }] } },
      seller,
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data?.updateListing).toMatchObject({ title: 'Linen dress', size: null, price: { amount: 1999, currency: 'GBP' }, images: [{ alt: 'Only', position: 0 }] });

    const archived = await catalog.request<{ archiveListing: Listing }>(ARCHIVE, { id: draft.id }, seller);
    expect(archived.data?.archiveListing.status).toBe('ARCHIVED');
    const hidden = await catalog.request('query ($id: ID!) { product(id: $id) { id } }', { id: draft.id }, stranger);
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    const archiveTwice = await catalog.request(ARCHIVE, { id: draft.id }, seller);
    expect(codeOf(archiveTwice)).toBe('BAD_USER_INPUT');
    expect(archiveTwice.errors?.[0]?.message).toContain('ARCHIVED');

    const republished = await catalog.request<{ publishListing: Listing }>(PUBLISH, { id: draft.id }, seller);
    expect(republished.data?.publishListing.status).toBe('ACTIVE');
  });

  it("refuses to let others edit or publish a seller's listing; admins may archive it", async () => {
    const listing = await create();
    expect(codeOf(await catalog.request(UPDATE, { id: listing.id, input: { title: 'Mine now' } }))).toBe('UNAUTHENTICATED');
    // A stranger cannot even see the draft.
    expect(codeOf(await catalog.request(UPDATE, { id: listing.id, input: { title: 'Mine now' } }, stranger))).toBe('NOT_FOUND');
    await catalog.request(PUBLISH, { id: listing.id }, seller);
    expect(codeOf(await catalog.request(UPDATE, { id: listing.id, input: { title: 'Mine now' } }, stranger))).toBe('FORBIDDEN');
    expect(codeOf(await catalog.request(ARCHIVE, { id: listing.id }, stranger))).toBe('FORBIDDEN');
    const moderated = await catalog.request<{ archiveListing: Listing }>(ARCHIVE, { id: listing.id }, admin);
    expect(moderated.data?.archiveListing.status).toBe('ARCHIVED');
    expect(codeOf(await catalog.request(PUBLISH, { id: listing.id }, admin))).toBe('FORBIDDEN');
  });

  it('refuses edits once a listing is SOLD', async () => {
    const sold = catalog.data.products.find((product) => product.status === 'SOLD')!;
    const owner: Viewer = { userId: sold.sellerId, role: 'SELLER' };
    const result = await catalog.request(UPDATE, { id: sold.id, input: { title: 'Changed my mind' } }, owner);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('SOLD');
    expect(result.errors?.[0]?.extensions?.status).toBe('SOLD');
  });

  it('is NOT_FOUND for unknown listings and validates update input', async () => {
    expect(codeOf(await catalog.request(PUBLISH, { id: '00000000-0000-4000-8000-000000000000' }, seller))).toBe('NOT_FOUND');
    const listing = await create();
    const result = await catalog.request(UPDATE, { id: listing.id, input: { title: 'x' } }, seller);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', 'input.title']);
  });
});
