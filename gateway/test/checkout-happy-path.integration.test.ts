import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCheckoutSupergraph, type CheckoutSupergraph } from './support/checkout-supergraph.ts';
import {
  buyer, checkout, fillCart, newActiveListing, ORDER, orderStatus, payAndDeliver, productStatus, seller,
} from './support/checkout-fixtures.ts';

let supergraph: CheckoutSupergraph;
beforeAll(async () => {
  supergraph = await startCheckoutSupergraph();
});
afterAll(() => supergraph?.close());

const CART = '{ myCart { itemCount items { available product { id status } } } }';

describe('checkout through the gateway, from cart to delivery', () => {
  it('reserves, takes payment through Stripe, sells in catalog, ships and delivers, recording every step', async () => {
    const productId = await newActiveListing(supergraph, 4_500);
    await fillCart(supergraph, { as: buyer.id }, [productId]);
    const cart = await supergraph.graphql(CART, {}, { as: buyer.id });
    expect(cart.body.data.myCart.items).toEqual([{ available: true, product: { id: productId, status: 'ACTIVE' } }]);

    const placed = await checkout(supergraph, { as: buyer.id });
    expect(placed.body.errors).toBeUndefined();
    const { orders, clientSecret, paymentIntentId } = placed.body.data.checkout;
    expect(clientSecret).toMatch(new RegExp(`^${paymentIntentId}_secret_`));
    expect(orders).toEqual([
      { id: expect.any(String), status: 'PENDING_PAYMENT', seller: { id: seller.id }, total: { amount: 4_995, currency: 'EUR' }, items: [{ product: { id: productId } }] },
    ]);
    const orderId: string = orders[0].id;
    expect(await productStatus(supergraph, productId)).toBe('RESERVED');
    expect((await supergraph.graphql(CART, {}, { as: buyer.id })).body.data.myCart.itemCount).toBe(0);

    // The PaymentIntent carries the amount, currency, the orders and one idempotency key for this attempt.
    const intent = supergraph.standIn.paymentIntents.get(paymentIntentId)!;
    expect(intent).toMatchObject({ amount: 4_995, currency: 'eur', metadata: { orderIds: orderId } });
    const creates = supergraph.standIn.requests().filter((request) => request.endpoint === 'POST /v1/payment_intents');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.idempotencyKey).toBe(`checkout-${intent.metadata.checkoutId}`);

    const delivery = await payAndDeliver(supergraph, paymentIntentId);
    expect(delivery.status).toBe(200);
    await vi.waitFor(async () => expect(await orderStatus(supergraph, orderId)).toBe('PAID'), { timeout: 10_000, interval: 50 });
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('SOLD'), { timeout: 10_000, interval: 50 });
    expect(await orderStatus(supergraph, orderId, seller.id)).toBe('PAID');

    const shipped = await supergraph.graphql(
      'mutation($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "00340434161094042557") { status } }',
      { id: orderId },
      { as: seller.id },
    );
    expect(shipped.body).toEqual({ data: { shipOrder: { status: 'SHIPPED' } } });
    expect(await orderStatus(supergraph, orderId, buyer.id)).toBe('SHIPPED');

    const delivered = await supergraph.graphql('mutation($id: ID!) { markOrderDelivered(orderId: $id) { status } }', { id: orderId }, { as: seller.id });
    expect(delivered.body).toEqual({ data: { markOrderDelivered: { status: 'DELIVERED' } } });

    const seen = await supergraph.graphql(ORDER, { id: orderId }, { as: buyer.id });
    expect(seen.body.data.order.status).toBe('DELIVERED');
    expect(seen.body.data.order.timeline).toEqual([
      { status: 'PENDING_PAYMENT', note: 'Placed; waiting for payment.', actor: { id: buyer.id } },
      { status: 'PAID', note: 'Paid 49.95 EUR.', actor: null },
      { status: 'SHIPPED', note: 'Shipped with DHL, tracking number 00340434161094042557.', actor: { id: seller.id } },
      { status: 'DELIVERED', note: null, actor: { id: seller.id } },
    ]);
    // Sold stays sold after delivery: nothing put it back on sale.
    expect(await productStatus(supergraph, productId)).toBe('SOLD');
  });
});
