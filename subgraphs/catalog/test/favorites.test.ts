import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import type { Viewer } from '@threadly/identity-headers';
import { codeOf, startCatalog, type CatalogHarness } from './harness.ts';

let catalog: CatalogHarness;
beforeAll(async () => {
  catalog = await startCatalog();
}, 60_000);
afterAll(() => catalog?.close());

const buyer: Viewer = { userId: DEMO_ACCOUNTS.buyer.id, role: 'BUYER' };
const admin: Viewer = { userId: DEMO_ACCOUNTS.admin.id, role: 'ADMIN' };
const FAVORITE = 'mutation ($id: ID!) { favoriteProduct(productId: $id) { id favoritesCount isFavorited } }';
const UNFAVORITE = 'mutation ($id: ID!) { unfavoriteProduct(productId: $id) { id favoritesCount isFavorited } }';
const FAVORITES = `query ($id: ID!, $first: Int, $after: String) { _entities(representations: [{ __typename: "User", id: $id }]) {
  ... on User { favorites(first: $first, after: $after) { edges { node { id isFavorited } } pageInfo { hasNextPage endCursor } } }
} }`;

type Toggle = { id: string; favoritesCount: number; isFavorited: boolean };
type Favorites = { _entities: Array<{ favorites: { edges: Array<{ node: { id: string; isFavorited: boolean } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } | null }> };

const unfavoritedActive = () =>
  catalog.data.products.find(
    (product) => product.status === 'ACTIVE' && !catalog.data.favorites.some((favorite) => favorite.userId === buyer.userId && favorite.productId === product.id),
  )!;

describe('favoriteProduct / unfavoriteProduct', () => {
  it('adds and removes a favorite, idempotently', async () => {
    const product = unfavoritedActive();
    const before = catalog.data.favorites.filter((favorite) => favorite.productId === product.id).length;
    const first = await catalog.request<{ favoriteProduct: Toggle }>(FAVORITE, { id: product.id }, buyer);
    expect(first.data?.favoriteProduct).toEqual({ id: product.id, favoritesCount: before + 1, isFavorited: true });
    const second = await catalog.request<{ favoriteProduct: Toggle }>(FAVORITE, { id: product.id }, buyer);
    expect(second.data?.favoriteProduct.favoritesCount).toBe(before + 1);
    const removed = await catalog.request<{ unfavoriteProduct: Toggle }>(UNFAVORITE, { id: product.id }, buyer);
    expect(removed.data?.unfavoriteProduct).toEqual({ id: product.id, favoritesCount: before, isFavorited: false });
    const removedAgain = await catalog.request<{ unfavoriteProduct: Toggle }>(UNFAVORITE, { id: product.id }, buyer);
    expect(removedAgain.data?.unfavoriteProduct.favoritesCount).toBe(before);
  });

  it('needs a viewer, a visible product and an ACTIVE one', async () => {
    const active = unfavoritedActive();
    expect(codeOf(await catalog.request(FAVORITE, { id: active.id }))).toBe('UNAUTHENTICATED');
    const draft = catalog.data.products.find((product) => product.status === 'DRAFT' && product.sellerId !== buyer.userId)!;
    expect(codeOf(await catalog.request(FAVORITE, { id: draft.id }, buyer))).toBe('NOT_FOUND');
    expect(codeOf(await catalog.request(FAVORITE, { id: 'nope' }, buyer))).toBe('NOT_FOUND');
    const sold = catalog.data.products.find((product) => product.status === 'SOLD')!;
    const result = await catalog.request(FAVORITE, { id: sold.id }, buyer);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('SOLD');
  });

  it('reports isFavorited false for anonymous viewers', async () => {
    const active = new Set(catalog.data.products.filter((product) => product.status === 'ACTIVE').map((product) => product.id));
    const favorite = catalog.data.favorites.find((row) => active.has(row.productId))!;
    const query = 'query ($id: ID!) { product(id: $id) { isFavorited } }';
    const anonymous = await catalog.request<{ product: { isFavorited: boolean } }>(query, { id: favorite.productId });
    expect(anonymous.data?.product.isFavorited).toBe(false);
    const fan = await catalog.request<{ product: { isFavorited: boolean } }>(query, { id: favorite.productId }, { userId: favorite.userId, role: 'BUYER' });
    expect(fan.data?.product.isFavorited).toBe(true);
  });
});

describe('User.favorites', () => {
  it("pages through the user's own favorites, most recent first, without duplicates or gaps", async () => {
    const listed = new Set(catalog.data.products.filter((p) => ['ACTIVE', 'RESERVED', 'SOLD'].includes(p.status)).map((p) => p.id));
    const expected = catalog.data.favorites
      .filter((favorite) => favorite.userId === buyer.userId && listed.has(favorite.productId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.productId < b.productId ? 1 : -1))
      .map((favorite) => favorite.productId);
    expect(expected.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const result = await catalog.request<Favorites>(FAVORITES, { id: buyer.userId, first: 2, after }, buyer);
      expect(result.errors).toBeUndefined();
      const page = result.data!._entities[0]!.favorites!;
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(page.edges.every((edge) => edge.node.isFavorited)).toBe(true);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('is private: UNAUTHENTICATED when anonymous, FORBIDDEN for other users, allowed for admins', async () => {
    const anonymous = await catalog.request<Favorites>(FAVORITES, { id: buyer.userId });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.data?._entities[0]?.favorites).toBeNull();
    const other = await catalog.request(FAVORITES, { id: buyer.userId }, { userId: DEMO_ACCOUNTS.seller.id, role: 'SELLER' });
    expect(codeOf(other)).toBe('FORBIDDEN');
    const moderated = await catalog.request<Favorites>(FAVORITES, { id: buyer.userId }, admin);
    expect(moderated.errors).toBeUndefined();
  });
});
