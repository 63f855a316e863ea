import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useStandIn } from './stand-in.fixture.ts';

const t = useStandIn();
const params = { amount: 4500, currency: 'eur', metadata: { order_id: 'o_1' } };

describe('Idempotency-Key', () => {
  it('replays the first response for a retry with the same parameters, creating one intent', async () => {
    const first = await t.stripe.paymentIntents.create(params, { idempotencyKey: 'checkout-attempt-1' });
    // Same parameters in another key order are the same request.
    const retry = await t.stripe.paymentIntents.create({ metadata: { order_id: 'o_1' }, currency: 'eur', amount: 4500 }, { idempotencyKey: 'checkout-attempt-1' });
    expect(retry).toEqual(first);
    expect(retry.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(retry.lastResponse.idempotencyKey).toBe('checkout-attempt-1');
    expect(t.standIn.paymentIntents.list()).toHaveLength(1);
    expect(t.standIn.requests().map((request) => request.idempotencyKey)).toEqual(['checkout-attempt-1', 'checkout-attempt-1']);
  });

  it('answers idempotency_error (400) when the key is reused with other parameters or on another endpoint', async () => {
    await t.stripe.paymentIntents.create(params, { idempotencyKey: 'checkout-attempt-2' });
    const otherParams = await rejection(t.stripe.paymentIntents.create({ ...params, amount: 4600 }, { idempotencyKey: 'checkout-attempt-2' }));
    expect(otherParams).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(otherParams).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    const intent = t.standIn.paymentIntents.list()[0] as Stripe.PaymentIntent;
    const otherEndpoint = await rejection(t.stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: 'checkout-attempt-2' }));
    expect(otherEndpoint).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(t.standIn.paymentIntents.list()).toHaveLength(1);
    expect(t.standIn.paymentIntents.get(intent.id)?.status).toBe('requires_payment_method');
  });

  it('saves errors of an executed request, but not validation failures', async () => {
    const intent = await t.stripe.paymentIntents.create(params);
    await t.standIn.confirmPaymentIntent(intent.id, 'succeeded');
    const first = await rejection(t.stripe.refunds.create({ payment_intent: intent.id, amount: 9999 }, { idempotencyKey: 'refund-1' }));
    expect(first).toMatchObject({ code: 'amount_too_large' });
    const replayed = await rejection(t.stripe.refunds.create({ payment_intent: intent.id, amount: 9999 }, { idempotencyKey: 'refund-1' }));
    expect(replayed).toMatchObject({ code: 'amount_too_large' });

    const invalid = await rejection(t.stripe.refunds.create({ payment_intent: intent.id, amount: -1 }, { idempotencyKey: 'refund-2' }));
    expect(invalid).toMatchObject({ param: 'amount' });
    const corrected = await t.stripe.refunds.create({ payment_intent: intent.id, amount: 100 }, { idempotencyKey: 'refund-2' });
    expect(corrected.amount).toBe(100);
  });

  it('scopes keys to the API key', async () => {
    const first = await t.stripe.paymentIntents.create(params, { idempotencyKey: 'shared' });
    const other = await t.standIn.stripe('sk_test_another_account').paymentIntents.create({ ...params, amount: 1 }, { idempotencyKey: 'shared' });
    expect(other.id).not.toBe(first.id);
  });

  it('keys every SDK POST even when the caller gives no key', async () => {
    await t.stripe.paymentIntents.create(params);
    expect(t.standIn.requests()[0]?.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });
});
