import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { startCatalog, type CatalogHarness } from './harness.ts';

let catalog: CatalogHarness;
beforeAll(async () => {
  catalog = await startCatalog();
}, 60_000);
afterAll(() => catalog?.close());

describe('_entities', () => {
  const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Product { id title status }
    ... on User { id listings(first: 100) { edges { node { id status } } } }
  } }`;

  it('resolves products by id, null for unknown ids and for drafts of others', async () => {
    const active = catalog.data.products.find((row) => row.status === 'ACTIVE')!;
    const draft = catalog.data.products.find((row) => row.status === 'DRAFT')!;
    const result = await catalog.request<{ _entities: Array<{ id: string } | null> }>(ENTITIES, {
      representations: [
        { __typename: 'Product', id: active.id },
        { __typename: 'Product', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'Product', id: draft.id },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((entity) => entity?.id ?? null)).toEqual([active.id, null, null]);
  });

  it("lists a user's listings: ACTIVE ones for others, every status for the user themself", async () => {
    const seller = DEMO_ACCOUNTS.seller.id;
    const mine = catalog.data.products.filter((product) => product.sellerId === seller);
    type Listings = { _entities: Array<{ listings: { edges: Array<{ node: { status: string } }> } }> };
    const representations = [{ __typename: 'User', id: seller }];
    const publicView = await catalog.request<Listings>(ENTITIES, { representations });
    const statuses = publicView.data!._entities[0]!.listings.edges.map((edge) => edge.node.status);
    expect(statuses.length).toBe(Math.min(100, mine.filter((product) => product.status === 'ACTIVE').length));
    expect(new Set(statuses)).toEqual(new Set(['ACTIVE']));
    const ownView = await catalog.request<Listings>(ENTITIES, { representations }, { userId: seller, role: 'SELLER' });
    expect(ownView.data!._entities[0]!.listings.edges.length).toBe(Math.min(100, mine.length));
  });
});
