import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StripeStandIn } from './stand-in-api.ts';
import { startStripeStandIn } from './start-stripe-stand-in.ts';
import { buildStripeEvent, signStripeEvent } from './stripe-events.ts';
import { startWebhookReceiver } from './webhook-receiver.fixture.ts';

const SECRET = 'whsec_stand_in_test_secret';
let standIn: StripeStandIn;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  standIn = await startStripeStandIn({ webhook: { url: receiver.url, secret: SECRET } });
  stripe = standIn.stripe();
});
afterAll(async () => {
  await standIn.stop();
  await receiver.stop();
});
beforeEach(() => {
  standIn.reset();
  standIn.configureWebhook({ url: receiver.url, secret: SECRET });
  receiver.received.length = 0;
});

const verifiedTypes = () => receiver.received.map((delivery) => delivery.event?.type ?? `rejected: ${delivery.rejection}`);

describe('automatic webhook delivery', () => {
  it('delivers payment_intent.succeeded, signed so that constructEvent verifies it', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 4500, currency: 'eur', metadata: { order_id: 'o_1' } }, { idempotencyKey: 'k' });
    await standIn.confirmPaymentIntent(intent.id, 'succeeded');
    expect(verifiedTypes()).toEqual(['payment_intent.succeeded']);
    const event = receiver.received[0]?.event as Stripe.PaymentIntentSucceededEvent;
    expect(event).toMatchObject({
      object: 'event',
      api_version: Stripe.API_VERSION,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { id: intent.id, status: 'succeeded', metadata: { order_id: 'o_1' } }, previous_attributes: { status: 'requires_payment_method' } },
    });
    expect(event.id).toMatch(/^evt_/);
    expect(standIn.events.get(event.id)).toEqual(event);
    expect(standIn.webhookDeliveries()).toEqual([expect.objectContaining({ eventId: event.id, status: 200, tampered: false })]);
  });

  it('delivers payment_failed, canceled (caused by an API request) and charge.refunded', async () => {
    const declined = await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
    await standIn.confirmPaymentIntent(declined.id, 'failed');
    await stripe.paymentIntents.cancel(declined.id, {}, { idempotencyKey: 'cancel-1' });
    const paid = await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
    await standIn.confirmPaymentIntent(paid.id, 'succeeded');
    await stripe.refunds.create({ payment_intent: paid.id });
    await standIn.webhooksSettled();
    expect(verifiedTypes()).toEqual(['payment_intent.payment_failed', 'payment_intent.canceled', 'payment_intent.succeeded', 'charge.refunded']);
    expect(receiver.received[1]?.event?.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: 'cancel-1' });
    expect(receiver.received[3]?.event?.data.object).toMatchObject({ object: 'charge', payment_intent: paid.id, refunded: true });
  });

  it('only records events when delivery is manual', async () => {
    standIn.configureWebhook({ url: receiver.url, secret: SECRET, delivery: 'manual' });
    const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
    await standIn.confirmPaymentIntent(intent.id, 'succeeded');
    expect(receiver.received).toEqual([]);
    expect(standIn.events.list()).toEqual([expect.objectContaining({ type: 'payment_intent.succeeded', pending_webhooks: 0 })]);
  });
});

describe('deliverWebhook', () => {
  async function recordedEvents() {
    standIn.configureWebhook({ url: receiver.url, secret: SECRET, delivery: 'manual' });
    const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
    await standIn.confirmPaymentIntent(intent.id, 'succeeded');
    await stripe.refunds.create({ payment_intent: intent.id });
    return standIn.events.list();
  }

  it('delivers twice with the same event id', async () => {
    const [succeeded] = await recordedEvents();
    const deliveries = await standIn.deliverWebhook(succeeded as Stripe.Event, { duplicate: true });
    expect(deliveries.map((delivery) => [delivery.eventId, delivery.status])).toEqual([
      [succeeded?.id, 200],
      [succeeded?.id, 200],
    ]);
    expect(receiver.received.map((delivery) => delivery.event?.id)).toEqual([succeeded?.id, succeeded?.id]);
  });

  it('delivers out of order', async () => {
    const events = await recordedEvents();
    await standIn.deliverWebhook(events, { order: 'reversed' });
    expect(verifiedTypes()).toEqual(['charge.refunded', 'payment_intent.succeeded']);
  });

  it('forges: a tampered signature or body fails constructEvent', async () => {
    const [succeeded] = await recordedEvents();
    const forged = await standIn.deliverWebhook(succeeded as Stripe.Event, { tamper: 'signature' });
    const altered = await standIn.deliverWebhook(succeeded as Stripe.Event, { tamper: 'payload' });
    expect([...forged, ...altered].map((delivery) => [delivery.status, delivery.tampered])).toEqual([
      [400, true],
      [400, true],
    ]);
    expect(receiver.received.every((delivery) => delivery.event === null && /signature/i.test(delivery.rejection ?? ''))).toBe(true);
  });

  it('signs with an old timestamp when asked, which the receiver’s tolerance refuses', async () => {
    const [succeeded] = await recordedEvents();
    const [delivery] = await standIn.deliverWebhook(succeeded as Stripe.Event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(delivery?.status).toBe(400);
    expect(receiver.received[0]?.rejection).toMatch(/tolerance/i);
  });

  it('reports a receiver that cannot be reached instead of throwing', async () => {
    const [succeeded] = await recordedEvents();
    const [delivery] = await standIn.deliverWebhook(succeeded as Stripe.Event, { url: 'http://127.0.0.1:9/unreachable' });
    expect(delivery).toMatchObject({ status: null, error: expect.any(String) });
  });
});

describe('buildStripeEvent and signStripeEvent', () => {
  it('build an Event that the SDK verifies, and reject a changed secret or payload', () => {
    const intent = { id: 'pi_123', object: 'payment_intent', amount: 100, status: 'succeeded' } as Stripe.PaymentIntent;
    const event = buildStripeEvent('payment_intent.succeeded', intent);
    expect(event).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', data: { object: intent }, api_version: Stripe.API_VERSION });
    const { payload, header } = signStripeEvent(event, SECRET);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(payload, header, SECRET)).toEqual(event);
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(payload.replace('"amount": 100', '"amount": 1'), header, SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('use the given timestamp', () => {
    const event = buildStripeEvent('charge.refunded', { id: 'ch_1', object: 'charge' } as Stripe.Charge);
    expect(signStripeEvent(event, SECRET, 1_700_000_000).header).toMatch(/^t=1700000000,v1=/);
  });
});
