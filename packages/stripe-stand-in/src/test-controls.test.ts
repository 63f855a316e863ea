import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StripeStandIn } from './stand-in-api.ts';
import { startStripeStandIn } from './start-stripe-stand-in.ts';
import { startWebhookReceiver } from './webhook-receiver.fixture.ts';

const SECRET = 'whsec_test_controls';
let standIn: StripeStandIn;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  standIn = await startStripeStandIn();
});
afterAll(async () => {
  await standIn.stop();
  await receiver.stop();
});
beforeEach(() => {
  standIn.reset();
  standIn.configureWebhook(null);
  receiver.received.length = 0;
});

const control = async (method: string, path: string, body?: Record<string, unknown> | string) => {
  const response = await fetch(`${standIn.url}${path}`, {
    method,
    ...(typeof body === 'string'
      ? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : body
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('/_test/ controls over HTTP', () => {
  it('confirm a PaymentIntent (form body) and deliver its event to the configured endpoint', async () => {
    expect((await control('POST', '/_test/webhook_endpoint', { url: receiver.url, secret: SECRET })).status).toBe(200);
    const intent = await standIn.stripe().paymentIntents.create({ amount: 100, currency: 'eur' });
    const confirmed = await control('POST', `/_test/payment_intents/${intent.id}/confirm`, 'outcome=succeeded');
    expect(confirmed).toMatchObject({ status: 200, body: { id: intent.id, status: 'succeeded' } });
    expect(receiver.received.map((delivery) => delivery.event?.type)).toEqual(['payment_intent.succeeded']);
  });

  it('redeliver recorded events, duplicated, reversed or forged', async () => {
    await control('POST', '/_test/webhook_endpoint', { url: receiver.url, secret: SECRET, delivery: 'manual' });
    const intent = await standIn.stripe().paymentIntents.create({ amount: 100, currency: 'eur' });
    await standIn.confirmPaymentIntent(intent.id, 'succeeded');
    const [event] = standIn.events.list();
    const result = await control('POST', '/_test/webhook_deliveries', { events: [event?.id], duplicate: true, tamper: 'signature' });
    expect(result.body.deliveries).toEqual([expect.objectContaining({ status: 400, tampered: true }), expect.objectContaining({ status: 400, tampered: true })]);
    expect((await control('POST', '/_test/webhook_deliveries', { events: ['evt_unknown'] })).status).toBe(404);
  });

  it('queue failures, show state, and reset', async () => {
    const queued = await control('POST', '/_test/fail_next_requests', 'failure=api_error&count=1&endpoint=POST%20/v1/payment_intents');
    expect(queued.status).toBe(200);
    const stripe = standIn.stripe(undefined, { maxNetworkRetries: 0 });
    await expect(stripe.paymentIntents.create({ amount: 100, currency: 'eur' })).rejects.toMatchObject({ statusCode: 500 });
    await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
    const state = await control('GET', '/_test/state');
    expect(state.body).toMatchObject({ payment_intents: [expect.objectContaining({ amount: 100 })], requests: [expect.objectContaining({ status: 500 }), expect.objectContaining({ status: 200 })] });
    await control('POST', '/_test/reset');
    expect((await control('GET', '/_test/state')).body).toMatchObject({ payment_intents: [], requests: [] });
  });

  it('refuse bad input and unknown controls with Stripe-shaped errors', async () => {
    expect(await control('POST', '/_test/fail_next_requests', { failure: 'explode' })).toMatchObject({ status: 400, body: { error: { param: 'failure' } } });
    expect(await control('POST', '/_test/payment_intents/pi_nope/confirm', { outcome: 'succeeded' })).toMatchObject({
      status: 404,
      body: { error: { code: 'resource_missing' } },
    });
    expect((await control('POST', '/_test/explode')).status).toBe(404);
  });
});
