import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartIdFor } from '../src/services/cart-id.ts';
import { cartOwner, commerceFixture, id, outsider, product, seededCartId } from './fixture.ts';
import { as, startCommerce, type CommerceHarness } from './harness.ts';

interface CartData {
  id: string;
  itemCount: number;
  updatedAt: string | null;
  items: Array<{ id: string; addedAt: string; product: { id: string } }>;
}

const CART = 'id itemCount updatedAt items { id addedAt product { id } }';
const ADD = `mutation($p: ID!) { addToCart(productId: $p) { ${CART} } }`;
const REMOVE = `mutation($p: ID!) { removeFromCart(productId: $p) { ${CART} } }`;

let h: CommerceHarness;
beforeAll(async () => {
  h = await startCommerce(commerceFixture());
});
afterAll(async () => {
  await h?.close();
});

const productIds = (cart: CartData | undefined) => cart?.items.map((item) => item.product.id);

describe('cart', () => {
  it('needs a signed-in viewer', async () => {
    for (const query of [`{ myCart { id } }`, 'mutation { clearCart { id } }']) {
      expect((await h.graphql(query)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
    expect((await h.graphql(ADD, { p: product(1) })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('shows the seeded cart, newest item first', async () => {
    const { data } = await h.graphql<{ myCart: CartData }>(`{ myCart { ${CART} } }`, {}, as(cartOwner));
    expect(data?.myCart).toMatchObject({ id: seededCartId, itemCount: 3 });
    expect(productIds(data?.myCart)).toEqual([product(3), product(2), product(1)]);
  });

  it('returns an empty cart with a stable id without storing anything, then keeps that id', async () => {
    const user = id(77);
    const read = await h.graphql<{ myCart: CartData }>(`{ myCart { ${CART} } }`, {}, as(user));
    expect(read.data?.myCart).toEqual({ id: cartIdFor(user), itemCount: 0, updatedAt: null, items: [] });
    expect(await h.prisma.cart.count({ where: { buyerId: user } })).toBe(0);

    const added = await h.graphql<{ addToCart: CartData }>(ADD, { p: product(5) }, as(user));
    expect(added.data?.addToCart).toMatchObject({ id: cartIdFor(user), itemCount: 1 });
    expect(added.data?.addToCart.updatedAt).not.toBeNull();
  });

  it('adds idempotently, removes and clears', async () => {
    const viewer = as(outsider);
    await h.graphql(ADD, { p: product(1) }, viewer);
    await h.graphql(ADD, { p: ` ${product(2)} ` }, viewer);
    const twice = await h.graphql<{ addToCart: CartData }>(ADD, { p: product(1) }, viewer);
    expect(twice.data?.addToCart.itemCount).toBe(2);
    expect(productIds(twice.data?.addToCart)).toEqual(expect.arrayContaining([product(1), product(2)]));

    const removed = await h.graphql<{ removeFromCart: CartData }>(REMOVE, { p: product(1) }, viewer);
    expect(productIds(removed.data?.removeFromCart)).toEqual([product(2)]);
    const absent = await h.graphql<{ removeFromCart: CartData }>(REMOVE, { p: product(99) }, viewer);
    expect(absent.data?.removeFromCart.itemCount).toBe(1);

    const cleared = await h.graphql<{ clearCart: CartData }>(`mutation { clearCart { ${CART} } }`, {}, viewer);
    expect(cleared.data?.clearCart).toMatchObject({ id: cartIdFor(outsider), itemCount: 0, items: [] });
  });

  it('rejects a malformed product id with BAD_USER_INPUT on productId', async () => {
    for (const query of [ADD, REMOVE]) {
      const { errors } = await h.graphql(query, { p: 'not-a-uuid' }, as(outsider));
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    }
  });

  it('holds at most 50 items', async () => {
    const user = id(78);
    for (let n = 1; n <= 50; n += 1) await h.graphql(ADD, { p: product(500 + n) }, as(user));
    const full = await h.graphql<{ addToCart: CartData }>(ADD, { p: product(600) }, as(user));
    expect(full.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    // Re-adding a product already in the full cart is still fine: nothing changes.
    const again = await h.graphql<{ addToCart: CartData }>(ADD, { p: product(501) }, as(user));
    expect(again.data?.addToCart.itemCount).toBe(50);
  });

  it('loads a cart with all its items in a constant number of statements', async () => {
    h.statements.reset();
    await h.graphql(`{ myCart { ${CART} } }`, {}, as(id(78)));
    expect(h.statements.statements).toHaveLength(2);
  });
});
