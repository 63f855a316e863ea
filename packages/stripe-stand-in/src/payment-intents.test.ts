import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useStandIn } from './stand-in.fixture.ts';

const t = useStandIn();

describe('POST /v1/payment_intents', () => {
  it('creates a PaymentIntent shaped like Stripe’s, through the real SDK', async () => {
    const intent = await t.stripe.paymentIntents.create({
      amount: 4500,
      currency: 'EUR',
      description: 'Threadly order o_1',
      metadata: { order_id: 'o_1', checkout_attempt: 'c_1' },
      automatic_payment_methods: { enabled: true },
    });
    expect(intent).toMatchObject({
      object: 'payment_intent',
      amount: 4500,
      currency: 'eur',
      status: 'requires_payment_method',
      description: 'Threadly order o_1',
      metadata: { order_id: 'o_1', checkout_attempt: 'c_1' },
      automatic_payment_methods: { enabled: true },
      livemode: false,
      latest_charge: null,
      amount_received: 0,
      cancellation_reason: null,
      last_payment_error: null,
    });
    expect(intent.id).toMatch(/^pi_\w{24}$/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_\\w+$`));
    expect(intent.created).toBeTypeOf('number');
    expect(intent.lastResponse.requestId).toMatch(/^req_/);
    expect(intent.lastResponse.apiVersion).toBe(Stripe.API_VERSION);
    expect(t.standIn.paymentIntents.get(intent.id)).toEqual(JSON.parse(JSON.stringify(intent)));
  });

  it('takes explicit payment method types (before API 2026-10-28) instead of automatic ones, but not both', async () => {
    const legacy = { amount: 100, currency: 'usd', payment_method_types: ['card', 'link'] } as Stripe.PaymentIntentCreateParams;
    expect(await t.stripe.paymentIntents.create(legacy)).toMatchObject({ payment_method_types: ['card', 'link'], automatic_payment_methods: null });
    const both = await rejection(t.stripe.paymentIntents.create({ ...legacy, automatic_payment_methods: { enabled: true } }));
    expect(both).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(both).toMatchObject({ code: 'parameters_exclusive', param: 'automatic_payment_methods' });
  });

  it('limits automatic payment methods with allowed and excluded types (API 2026-10-28)', async () => {
    const intent = await t.stripe.paymentIntents.create({
      amount: 100,
      currency: 'eur',
      allowed_payment_method_types: ['card', 'link', 'ideal'],
      excluded_payment_method_types: ['ideal'],
    });
    expect(intent).toMatchObject({
      automatic_payment_methods: { enabled: true },
      allowed_payment_method_types: ['card', 'link', 'ideal'],
      excluded_payment_method_types: ['ideal'],
      payment_method_types: ['card', 'link'],
    });
  });

  it('refuses missing, unknown and malformed parameters as Stripe does, creating nothing', async () => {
    const missing = await rejection(t.stripe.paymentIntents.create({ currency: 'eur' } as Stripe.PaymentIntentCreateParams));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_missing', param: 'amount' });
    const unknown = await rejection(t.stripe.paymentIntents.create({ amount: 100, currency: 'eur', colour: 'red' } as Stripe.PaymentIntentCreateParams));
    expect(unknown).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    const negative = await rejection(t.stripe.paymentIntents.create({ amount: -5, currency: 'eur' }));
    expect(negative).toMatchObject({ statusCode: 400, param: 'amount' });
    const badCurrency = await rejection(t.stripe.paymentIntents.create({ amount: 100, currency: 'euros' }));
    expect(badCurrency).toMatchObject({ param: 'currency' });
    const longMetadata = await rejection(t.stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { note: 'x'.repeat(501) } }));
    expect(longMetadata).toMatchObject({ param: 'metadata[note]' });
    expect(t.standIn.paymentIntents.list()).toEqual([]);
  });
});

describe('GET /v1/payment_intents/:id', () => {
  it('retrieves an intent, expanding latest_charge when asked', async () => {
    const created = await t.stripe.paymentIntents.create({ amount: 700, currency: 'eur' });
    expect(await t.stripe.paymentIntents.retrieve(created.id)).toMatchObject({ id: created.id, status: 'requires_payment_method' });
    await t.standIn.confirmPaymentIntent(created.id, 'succeeded');
    const expanded = await t.stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge'] });
    expect(expanded.latest_charge).toMatchObject({ object: 'charge', amount: 700, paid: true, payment_intent: created.id });
  });

  it('answers 404 resource_missing for an unknown id', async () => {
    const error = await rejection(t.stripe.paymentIntents.retrieve('pi_doesnotexist'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'intent', message: "No such payment_intent: 'pi_doesnotexist'" });
  });
});

describe('POST /v1/payment_intents/:id/cancel', () => {
  it('cancels an unpaid intent with its reason', async () => {
    const created = await t.stripe.paymentIntents.create({ amount: 700, currency: 'eur' });
    const canceled = await t.stripe.paymentIntents.cancel(created.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(canceled.canceled_at).toBeTypeOf('number');
    expect(t.standIn.events.list().map((event) => event.type)).toEqual(['payment_intent.canceled']);
  });

  it('refuses to cancel a succeeded or already canceled intent: payment_intent_unexpected_state', async () => {
    const paid = await t.stripe.paymentIntents.create({ amount: 700, currency: 'eur' });
    await t.standIn.confirmPaymentIntent(paid.id, 'succeeded');
    const error = await rejection(t.stripe.paymentIntents.cancel(paid.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state', payment_intent: { id: paid.id, status: 'succeeded' } });
    expect(t.standIn.paymentIntents.get(paid.id)?.status).toBe('succeeded');

    const abandoned = await t.stripe.paymentIntents.create({ amount: 700, currency: 'eur' });
    await t.stripe.paymentIntents.cancel(abandoned.id);
    expect(await rejection(t.stripe.paymentIntents.cancel(abandoned.id))).toMatchObject({ code: 'payment_intent_unexpected_state' });
  });

  it('answers 404 for an unknown id', async () => {
    expect(await rejection(t.stripe.paymentIntents.cancel('pi_missing'))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});

describe('confirmPaymentIntent (test control)', () => {
  it('succeeds with a captured charge', async () => {
    const created = await t.stripe.paymentIntents.create({ amount: 1299, currency: 'eur', metadata: { order_id: 'o_7' } });
    const paid = await t.standIn.confirmPaymentIntent(created.id, 'succeeded');
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 1299, last_payment_error: null });
    expect(paid.latest_charge).toMatch(/^ch_/);
    expect(t.standIn.charges.get(paid.latest_charge as string)).toMatchObject({ status: 'succeeded', captured: true, amount_captured: 1299, metadata: { order_id: 'o_7' } });
    expect(await t.stripe.paymentIntents.retrieve(created.id)).toMatchObject({ status: 'succeeded', latest_charge: paid.latest_charge });
  });

  it('fails back to requires_payment_method with last_payment_error, and can then succeed', async () => {
    const created = await t.stripe.paymentIntents.create({ amount: 1299, currency: 'eur' });
    const declined = await t.standIn.confirmPaymentIntent(created.id, 'failed');
    expect(declined).toMatchObject({ status: 'requires_payment_method', last_payment_error: { type: 'card_error', code: 'card_declined' } });
    expect(t.standIn.charges.get(declined.latest_charge as string)).toMatchObject({ status: 'failed', paid: false });
    expect((await t.standIn.confirmPaymentIntent(created.id, 'succeeded')).status).toBe('succeeded');
    await expect(t.standIn.confirmPaymentIntent(created.id, 'succeeded')).rejects.toThrow(/status is succeeded/);
    expect(t.standIn.events.list().map((event) => event.type)).toEqual(['payment_intent.payment_failed', 'payment_intent.succeeded']);
  });
});
