import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCheckoutSupergraph, type CheckoutSupergraph } from './support/checkout-supergraph.ts';
import { buyer, ORDER, orderStatus, placeOrder, productStatus, stripeEventFor } from './support/checkout-fixtures.ts';

let supergraph: CheckoutSupergraph;
// A two-second reservation and a sweep every 200 ms, so expiry happens within the test.
beforeAll(async () => {
  supergraph = await startCheckoutSupergraph({ checkout: { reservationMs: 2_000, shippingAmount: 495 }, sweepIntervalMs: 200 });
});
afterAll(() => supergraph?.close());

const WAIT = { timeout: 15_000, interval: 100 };

describe('reservation expiry', () => {
  it('cancels an order nobody paid, cancels its PaymentIntent and puts the product back on sale', async () => {
    const { productId, orderId, paymentIntentId } = await placeOrder(supergraph);
    expect(await productStatus(supergraph, productId)).toBe('RESERVED');
    await vi.waitFor(async () => expect(await orderStatus(supergraph, orderId)).toBe('CANCELLED'), WAIT);
    const { timeline } = (await supergraph.graphql(ORDER, { id: orderId }, { as: buyer.id })).body.data.order;
    expect(timeline.at(-1)).toEqual({ status: 'CANCELLED', note: 'Not paid in time; the reservation expired.', actor: null });
    expect(supergraph.standIn.paymentIntents.get(paymentIntentId)?.status).toBe('canceled');
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('ACTIVE'), WAIT);
    // Stripe's own canceled event arriving afterwards changes nothing.
    const [delivery] = await supergraph.standIn.deliverWebhook(stripeEventFor(supergraph, 'payment_intent.canceled', paymentIntentId));
    expect(delivery!.status).toBe(200);
    expect(await orderStatus(supergraph, orderId)).toBe('CANCELLED');
  });

  it('marks paid, rather than cancels, an order whose payment succeeded but was not reported yet', async () => {
    const { productId, orderId, paymentIntentId } = await placeOrder(supergraph);
    await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'succeeded');
    // No webhook yet: after the reservation lapses, the sweep asks Stripe to cancel, learns it was paid, and says so.
    await vi.waitFor(async () => expect(await orderStatus(supergraph, orderId)).toBe('PAID'), WAIT);
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('SOLD'), WAIT);
    // The webhook arriving afterwards is a duplicate.
    await supergraph.standIn.deliverWebhook(stripeEventFor(supergraph, 'payment_intent.succeeded', paymentIntentId));
    await vi.waitFor(async () => {
      const stored = await supergraph.database.pool.query('SELECT count(*) FROM commerce."StripeEvent" WHERE "processedAt" IS NULL');
      expect(Number(stored.rows[0].count)).toBe(0);
    }, WAIT);
    const { timeline } = (await supergraph.graphql(ORDER, { id: orderId }, { as: buyer.id })).body.data.order;
    expect(timeline.map((entry: { status: string }) => entry.status)).toEqual(['PENDING_PAYMENT', 'PAID']);
  });
});
