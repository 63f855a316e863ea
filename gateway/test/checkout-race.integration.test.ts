import { signDevelopmentSessionToken } from '@threadly/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckoutSupergraph, type CheckoutSupergraph } from './support/checkout-supergraph.ts';
import { buyer, checkout, fillCart, newActiveListing, outcomeOf, productStatus, seller } from './support/checkout-fixtures.ts';

let supergraph: CheckoutSupergraph;
beforeAll(async () => {
  supergraph = await startCheckoutSupergraph();
});
afterAll(() => supergraph?.close());

const BUYERS = 100;
const sql = async <Row>(text: string, values: unknown[] = []) => (await supergraph.database.pool.query(text, values)).rows as Row[];

describe('checkout against real PostgreSQL', () => {
  it(`sells a one-of-a-kind item to exactly one of ${BUYERS} buyers checking out at once`, async () => {
    const productId = await newActiveListing(supergraph, 12_000);
    // 100 people signing in for the first time (identity creates each), each with the item in their cart.
    const tokens = Array.from({ length: BUYERS }, (_, i) => signDevelopmentSessionToken({ clerkId: `user_race_${i}_${productId.slice(0, 8)}` }));
    for (const token of tokens) await fillCart(supergraph, { token }, [productId]);
    const intentsBefore = supergraph.standIn.paymentIntents.list().length;

    const results = await Promise.all(tokens.map((token) => checkout(supergraph, { token })));

    const outcomes = results.map(outcomeOf);
    expect(outcomes.filter((outcome) => outcome === 'OK')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'PRODUCT_UNAVAILABLE')).toHaveLength(BUYERS - 1);
    const refusal = results.find((result) => outcomeOf(result) === 'PRODUCT_UNAVAILABLE')!.body.errors![0]!;
    expect(refusal.message).toBe('This item is no longer available: "Linen shirt, size M". Remove it from your cart to check out.');
    expect(refusal.extensions).toMatchObject({ productIds: [productId], products: [{ id: productId, title: 'Linen shirt, size M', reason: 'NOT_FOR_SALE' }] });

    // Exactly one order holds it, and catalog holds it for that order.
    const winner = results.find((result) => outcomeOf(result) === 'OK')!.body.data.checkout;
    const holders = await sql<{ id: string; status: string }>(
      'SELECT o.id, o.status FROM commerce."Order" o JOIN commerce."OrderItem" i ON i."orderId" = o.id WHERE i."productId" = $1',
      [productId],
    );
    expect(holders).toEqual([{ id: winner.orders[0].id, status: 'PENDING_PAYMENT' }]);
    expect(await sql('SELECT status, "reservedByOrderId" FROM catalog."Product" WHERE id = $1', [productId])).toEqual([
      { status: 'RESERVED', reservedByOrderId: winner.orders[0].id },
    ]);
    // No reservation anywhere is held by an order that does not exist.
    expect(
      await sql(`SELECT id FROM catalog."Product" p WHERE p.status = 'RESERVED' AND NOT EXISTS (SELECT 1 FROM commerce."Order" o WHERE o.id = p."reservedByOrderId")`),
    ).toEqual([]);
    // The losers never reached Stripe.
    expect(supergraph.standIn.paymentIntents.list().length - intentsBefore).toBe(1);
    // Their carts still hold the item, now shown as unavailable.
    const cart = await supergraph.graphql('{ myCart { items { available product { id } } } }', {}, { token: tokens.find((_, i) => outcomeOf(results[i]!) !== 'OK') });
    expect(cart.body.data.myCart.items).toEqual([{ available: false, product: { id: productId } }]);
  });

  it('places one order per seller, each at the reserved price plus shipping, under one PaymentIntent', async () => {
    const otherSeller = (await sql<{ id: string }>(`SELECT id FROM identity."User" WHERE role = 'SELLER' AND id <> $1 ORDER BY id LIMIT 1`, [seller.id]))[0]!.id;
    const mine = [await newActiveListing(supergraph, 1_000), await newActiveListing(supergraph, 2_000)];
    const theirs = await newActiveListing(supergraph, 3_000, otherSeller);
    await fillCart(supergraph, { as: buyer.id }, [...mine, theirs]);
    const placed = await checkout(supergraph, { as: buyer.id });
    expect(placed.body.errors).toBeUndefined();
    const { orders, paymentIntentId } = placed.body.data.checkout;
    expect(orders.map((order: { seller: { id: string }; total: { amount: number } }) => [order.seller.id, order.total.amount])).toEqual([
      [seller.id, 3_495],
      [otherSeller, 3_495],
    ]);
    expect(supergraph.standIn.paymentIntents.get(paymentIntentId)).toMatchObject({ amount: 6_990, currency: 'eur' });
    for (const id of [...mine, theirs]) expect(await productStatus(supergraph, id)).toBe('RESERVED');
  });

  it('reserves nothing when one item is gone, and names it', async () => {
    const available = await newActiveListing(supergraph);
    const gone = await newActiveListing(supergraph);
    await supergraph.graphql('mutation($id: ID!) { archiveListing(id: $id) { id } }', { id: gone }, { as: seller.id });
    await fillCart(supergraph, { as: buyer.id }, [available, gone]);
    const cart = await supergraph.graphql('{ myCart { items { available product { id } } } }', {}, { as: buyer.id });
    expect(cart.body.data.myCart.items).toEqual(expect.arrayContaining([{ available: true, product: { id: available } }]));
    const refused = await checkout(supergraph, { as: buyer.id });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'PRODUCT_UNAVAILABLE', productIds: [gone] });
    expect(await productStatus(supergraph, available)).toBe('ACTIVE');
  });

  it('refuses a seller buying their own listing, and an empty cart', async () => {
    const own = await newActiveListing(supergraph);
    await fillCart(supergraph, { as: seller.id }, [own]);
    const refused = await checkout(supergraph, { as: seller.id });
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('(your own listing)'),
      extensions: { code: 'PRODUCT_UNAVAILABLE', products: [{ id: own, reason: 'OWN_LISTING' }] },
    });
    await fillCart(supergraph, { as: seller.id }, []);
    expect(outcomeOf(await checkout(supergraph, { as: seller.id }))).toBe('BAD_USER_INPUT');
  });
});
