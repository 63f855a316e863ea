import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCheckoutSupergraph, type CheckoutSupergraph } from './support/checkout-supergraph.ts';
import {
  buyer, checkout, fillCart, newActiveListing, ORDER, orderStatus, outcomeOf, payAndDeliver, placeOrder, productStatus, seller, stripeEventFor,
} from './support/checkout-fixtures.ts';

let supergraph: CheckoutSupergraph;
beforeAll(async () => {
  supergraph = await startCheckoutSupergraph();
});
afterAll(() => supergraph?.close());

const WAIT = { timeout: 10_000, interval: 50 };

const storedStripeEvents = async () => Number((await supergraph.database.pool.query('SELECT count(*) FROM commerce."StripeEvent"')).rows[0].count);
const timelineOf = async (orderId: string) => (await supergraph.graphql(ORDER, { id: orderId }, { as: buyer.id })).body.data.order.timeline as Array<{ status: string; note: string | null }>;

describe('Stripe webhooks through the gateway', () => {
  it('refuses a forged signature or a tampered body with 400 and changes nothing', async () => {
    const { orderId, productId, paymentIntentId } = await placeOrder(supergraph);
    await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'succeeded');
    const event = stripeEventFor(supergraph, 'payment_intent.succeeded', paymentIntentId);
    const before = await storedStripeEvents();
    for (const tamper of ['signature', 'payload'] as const) {
      const [delivery] = await supergraph.standIn.deliverWebhook(event, { tamper });
      expect(delivery).toMatchObject({ status: 400 });
      expect(JSON.parse(delivery!.responseBody).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
    // A signature older than the 300 s tolerance is a replay.
    const [stale] = await supergraph.standIn.deliverWebhook(event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale!.status).toBe(400);
    expect(await storedStripeEvents()).toBe(before);
    expect(await orderStatus(supergraph, orderId)).toBe('PENDING_PAYMENT');
    expect(await productStatus(supergraph, productId)).toBe('RESERVED');
  });

  it('treats a duplicate delivery as a no-op: one event stored, one transition, one order.paid', async () => {
    const { orderId, productId, paymentIntentId } = await placeOrder(supergraph);
    await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'succeeded');
    const event = stripeEventFor(supergraph, 'payment_intent.succeeded', paymentIntentId);
    const deliveries = await supergraph.standIn.deliverWebhook([event, event], { duplicate: true });
    expect(deliveries.map((delivery) => [delivery.status, JSON.parse(delivery.responseBody).duplicate])).toEqual([
      [200, false], [200, true], [200, true], [200, true],
    ]);
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('SOLD'), WAIT);
    expect((await timelineOf(orderId)).map((entry) => entry.status)).toEqual(['PENDING_PAYMENT', 'PAID']);
    const paidEvents = await supergraph.database.pool.query(`SELECT count(*) FROM commerce."OutboxEvent" WHERE type = 'order.paid' AND "aggregateId" = $1`, [orderId]);
    expect(Number(paidEvents.rows[0].count)).toBe(1);
  });

  it('ignores a failure reported after the success', async () => {
    const { orderId, productId, paymentIntentId } = await placeOrder(supergraph);
    await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'failed');
    const failed = stripeEventFor(supergraph, 'payment_intent.payment_failed', paymentIntentId);
    await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'succeeded');
    const succeeded = stripeEventFor(supergraph, 'payment_intent.succeeded', paymentIntentId);
    // Stripe does not promise order: the success arrives first.
    await supergraph.standIn.deliverWebhook([failed, succeeded], { order: 'reversed' });
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('SOLD'), WAIT);
    expect(await orderStatus(supergraph, orderId)).toBe('PAID');
  });

  it('cancels on a failed payment and puts the product back on sale', async () => {
    const { orderId, productId, paymentIntentId } = await placeOrder(supergraph);
    await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'failed');
    await supergraph.standIn.deliverWebhook(stripeEventFor(supergraph, 'payment_intent.payment_failed', paymentIntentId));
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('ACTIVE'), WAIT);
    expect(await orderStatus(supergraph, orderId)).toBe('CANCELLED');
    expect((await timelineOf(orderId)).at(-1)).toEqual(expect.objectContaining({ status: 'CANCELLED', note: 'Payment failed.' }));
    // The intent is cancelled too, so no later attempt can pay for a cancelled order.
    await vi.waitFor(() => expect(supergraph.standIn.paymentIntents.get(paymentIntentId)?.status).toBe('canceled'), WAIT);
  });

  it('refunds a payment that arrives after the order was cancelled, then records the refund', async () => {
    const { orderId, productId, paymentIntentId } = await placeOrder(supergraph);
    const succeeded = await (async () => {
      await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'succeeded');
      return stripeEventFor(supergraph, 'payment_intent.succeeded', paymentIntentId);
    })();
    // The buyer cancels before the success is delivered: Stripe already took the money.
    const cancelled = await supergraph.graphql('mutation($id: ID!) { cancelOrder(orderId: $id) { status } }', { id: orderId }, { as: buyer.id });
    expect(cancelled.body).toEqual({ data: { cancelOrder: { status: 'CANCELLED' } } });
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('ACTIVE'), WAIT);

    await supergraph.standIn.deliverWebhook(succeeded);
    await vi.waitFor(() => expect(supergraph.standIn.refunds.list().filter((refund) => refund.payment_intent === paymentIntentId)).toHaveLength(1), WAIT);
    expect(await orderStatus(supergraph, orderId)).toBe('CANCELLED');
    await supergraph.standIn.deliverWebhook(stripeEventFor(supergraph, 'charge.refunded', paymentIntentId));
    await vi.waitFor(async () => expect(await orderStatus(supergraph, orderId)).toBe('REFUNDED'), WAIT);
    expect((await timelineOf(orderId)).map((entry) => entry.status)).toEqual(['PENDING_PAYMENT', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'REFUNDED']);
    // Sold to nobody: the product stayed on sale.
    expect(await productStatus(supergraph, productId)).toBe('ACTIVE');
  });

  it('lets the buyer cancel a paid order before shipping: refunded through Stripe, product back on sale', async () => {
    const { orderId, productId, paymentIntentId } = await placeOrder(supergraph);
    await payAndDeliver(supergraph, paymentIntentId);
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('SOLD'), WAIT);

    const sellerTry = await supergraph.graphql('mutation($id: ID!) { cancelOrder(orderId: $id) { status } }', { id: orderId }, { as: seller.id });
    expect(outcomeOf(sellerTry)).toBe('FORBIDDEN');
    const cancelled = await supergraph.graphql('mutation($id: ID!) { cancelOrder(orderId: $id) { status } }', { id: orderId }, { as: buyer.id });
    expect(cancelled.body).toEqual({ data: { cancelOrder: { status: 'CANCELLED' } } });
    const refunds = supergraph.standIn.refunds.list().filter((refund) => refund.payment_intent === paymentIntentId);
    expect(refunds).toMatchObject([{ amount: 4_995, status: 'succeeded' }]);
    await vi.waitFor(async () => expect(await productStatus(supergraph, productId)).toBe('ACTIVE'), WAIT);

    await supergraph.standIn.deliverWebhook(stripeEventFor(supergraph, 'charge.refunded', paymentIntentId));
    await vi.waitFor(async () => expect(await orderStatus(supergraph, orderId)).toBe('REFUNDED'), WAIT);
    // Shipping a cancelled order is an invalid transition, named as such.
    const ship = await supergraph.graphql('mutation($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "123") { status } }', { id: orderId }, { as: seller.id });
    expect(ship.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Order TH-\d{6} is REFUNDED and cannot become SHIPPED\.$/),
      extensions: { code: 'BAD_USER_INPUT', from: 'REFUNDED', to: 'SHIPPED' },
    });
  });
});

/** The orders holding `productId` and the PaymentIntents created for them, as the database and the stand-in have them. */
async function ordersAndIntentsOf(productId: string) {
  const { rows } = await supergraph.database.pool.query<{ id: string; status: string; paymentIntentId: string | null }>(
    `SELECT o.id, o.status, o."paymentIntentId" FROM commerce."Order" o JOIN commerce."OrderItem" i ON i."orderId" = o.id WHERE i."productId" = $1`,
    [productId],
  );
  const intents = supergraph.standIn.paymentIntents.list().filter((intent) => rows.some((order) => intent.metadata.orderIds === order.id));
  return { orders: rows, intents };
}

describe('checkout when Stripe fails', () => {
  it('cancels the order and releases the product: nothing is left half-done', async () => {
    const productId = await newActiveListing(supergraph);
    await fillCart(supergraph, { as: buyer.id }, [productId]);
    // Every attempt the SDK makes (the first and its two network retries) fails.
    supergraph.standIn.failNextRequests({ endpoint: 'POST /v1/payment_intents', failure: 'api_error', count: 3 });
    const failed = await checkout(supergraph, { as: buyer.id });
    expect(failed.body.errors?.[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'payments' } });
    expect(await productStatus(supergraph, productId)).toBe('ACTIVE');
    const { orders, intents } = await ordersAndIntentsOf(productId);
    expect(orders).toEqual([{ id: expect.any(String), status: 'CANCELLED', paymentIntentId: null }]);
    expect(intents.filter((intent) => intent.status !== 'canceled')).toEqual([]);
    // The cart is untouched, so trying again works.
    const retried = await checkout(supergraph, { as: buyer.id });
    expect(retried.body.errors).toBeUndefined();
    expect(await productStatus(supergraph, productId)).toBe('RESERVED');
  });

  it('cancels the PaymentIntent whose answer was lost', async () => {
    const productId = await newActiveListing(supergraph);
    await fillCart(supergraph, { as: buyer.id }, [productId]);
    // The intent is created, then the connection drops before the answer, for the request and both retries.
    supergraph.standIn.failNextRequests({ endpoint: 'POST /v1/payment_intents', failure: 'connection_drop', afterProcessing: true, count: 3 });
    const failed = await checkout(supergraph, { as: buyer.id });
    expect(outcomeOf(failed)).toBe('SUBGRAPH_UNAVAILABLE');
    expect(await productStatus(supergraph, productId)).toBe('ACTIVE');
    const { orders, intents } = await ordersAndIntentsOf(productId);
    expect(orders.map((order) => order.status)).toEqual(['CANCELLED']);
    // One intent (the retries carried the same idempotency key), found again by that key and cancelled.
    expect(intents.map((intent) => intent.status)).toEqual(['canceled']);
  });
});
