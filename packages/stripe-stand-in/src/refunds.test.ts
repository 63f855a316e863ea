import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useStandIn } from './stand-in.fixture.ts';

const t = useStandIn();

async function paidIntent(amount = 5000) {
  const intent = await t.stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { order_id: 'o_1' } });
  return t.standIn.confirmPaymentIntent(intent.id, 'succeeded');
}

describe('POST /v1/refunds', () => {
  it('refunds a succeeded PaymentIntent in full by default', async () => {
    const intent = await paidIntent();
    const refund = await t.stripe.refunds.create({ payment_intent: intent.id, reason: 'requested_by_customer', metadata: { order_id: 'o_1' } });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 5000,
      currency: 'eur',
      status: 'succeeded',
      payment_intent: intent.id,
      charge: intent.latest_charge,
      reason: 'requested_by_customer',
      metadata: { order_id: 'o_1' },
    });
    expect(refund.id).toMatch(/^re_/);
    expect(t.standIn.charges.get(intent.latest_charge as string)).toMatchObject({ amount_refunded: 5000, refunded: true });
    const [event] = t.standIn.events.list().filter((candidate) => candidate.type === 'charge.refunded');
    expect(event).toMatchObject({ data: { object: { id: intent.latest_charge, refunded: true }, previous_attributes: { amount_refunded: 0, refunded: false } } });
  });

  it('refunds in parts up to the amount, then refuses more', async () => {
    const intent = await paidIntent(5000);
    await t.stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });
    expect(t.standIn.charges.get(intent.latest_charge as string)).toMatchObject({ amount_refunded: 2000, refunded: false });
    const tooMuch = await rejection(t.stripe.refunds.create({ payment_intent: intent.id, amount: 3001 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    await t.stripe.refunds.create({ payment_intent: intent.id, amount: 3000 });
    expect(await rejection(t.stripe.refunds.create({ payment_intent: intent.id }))).toMatchObject({ code: 'charge_already_refunded' });
    expect(t.standIn.refunds.list().map((refund) => refund.amount)).toEqual([2000, 3000]);
  });

  it('refuses an intent that has not succeeded, naming its state', async () => {
    const unpaid = await t.stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
    const error = await rejection(t.stripe.refunds.create({ payment_intent: unpaid.id }));
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state', param: 'payment_intent' });
    await t.standIn.confirmPaymentIntent(unpaid.id, 'failed');
    expect(await rejection(t.stripe.refunds.create({ payment_intent: unpaid.id }))).toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect(t.standIn.refunds.list()).toEqual([]);
  });

  it('answers resource_missing (400, about the parameter) for an unknown intent, and parameter_missing for none', async () => {
    expect(await rejection(t.stripe.refunds.create({ payment_intent: 'pi_unknown' }))).toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'payment_intent',
    });
    expect(await rejection(t.stripe.refunds.create({}))).toMatchObject({ statusCode: 400, code: 'parameter_missing' });
  });

  it('expands the charge and the intent when asked', async () => {
    const intent = await paidIntent();
    const refund = await t.stripe.refunds.create({ payment_intent: intent.id, amount: 10, expand: ['charge', 'payment_intent'] });
    expect(refund.charge).toMatchObject({ object: 'charge', amount_refunded: 10 });
    expect(refund.payment_intent).toMatchObject({ object: 'payment_intent', id: intent.id });
  });
});
