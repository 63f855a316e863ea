import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, useStandIn } from './stand-in.fixture.ts';

const t = useStandIn();
const params = { amount: 4500, currency: 'eur', metadata: { order_id: 'o_1' } };
const statuses = () => t.standIn.requests().map((request) => request.status);

describe('failNextRequests', () => {
  it('answers 500 api_error, which the SDK raises as StripeAPIError, and creates nothing', async () => {
    const stripe = t.standIn.stripe(undefined, { maxNetworkRetries: 0 });
    t.standIn.failNextRequests({ endpoint: 'POST /v1/payment_intents', failure: 'api_error' });
    const error = await rejection(stripe.paymentIntents.create(params));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, rawType: 'api_error' });
    expect(t.standIn.paymentIntents.list()).toEqual([]);
    await expect(stripe.paymentIntents.create(params)).resolves.toMatchObject({ status: 'requires_payment_method' });
  });

  it('is absorbed by the SDK’s retries when they outnumber the failures, with one intent and one key', async () => {
    const stripe = t.standIn.stripe(undefined, { maxNetworkRetries: 1 });
    t.standIn.failNextRequests({ failure: 'api_error' });
    await stripe.paymentIntents.create(params, { idempotencyKey: 'attempt-1' });
    expect(statuses()).toEqual([500, 200]);
    expect(t.standIn.requests().map((request) => request.idempotencyKey)).toEqual(['attempt-1', 'attempt-1']);
    expect(t.standIn.paymentIntents.list()).toHaveLength(1);
  });

  it('drops the connection; the SDK retries a closed connection once even without retries, so two drops reach the caller', async () => {
    const stripe = t.standIn.stripe(undefined, { maxNetworkRetries: 0 });
    t.standIn.failNextRequests({ failure: 'connection_drop' });
    await stripe.paymentIntents.create(params);
    expect(statuses()).toEqual(['connection_dropped', 200]);

    t.standIn.reset();
    t.standIn.failNextRequests({ failure: 'connection_drop', count: 2 });
    const error = await rejection(stripe.paymentIntents.create(params));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(t.standIn.paymentIntents.list()).toEqual([]);
  });

  it('after processing, loses the response of work that was done: the caller must recover it with its idempotency key', async () => {
    const stripe = t.standIn.stripe(undefined, { maxNetworkRetries: 0 });
    t.standIn.failNextRequests({ endpoint: 'POST /v1/payment_intents', failure: 'connection_drop', count: 2, afterProcessing: true });
    const error = await rejection(stripe.paymentIntents.create(params, { idempotencyKey: 'attempt-2' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const [orphan] = t.standIn.paymentIntents.list();
    expect(orphan).toMatchObject({ status: 'requires_payment_method', metadata: { order_id: 'o_1' } });
    const recovered = await stripe.paymentIntents.create(params, { idempotencyKey: 'attempt-2' });
    expect(recovered.id).toBe(orphan?.id);
    await stripe.paymentIntents.cancel(recovered.id);
    expect(t.standIn.paymentIntents.get(recovered.id)?.status).toBe('canceled');
  });

  it('fails only the endpoint named, in the order queued', async () => {
    const stripe = t.standIn.stripe(undefined, { maxNetworkRetries: 0 });
    const intent = await stripe.paymentIntents.create(params);
    await t.standIn.confirmPaymentIntent(intent.id, 'succeeded');
    t.standIn.failNextRequests({ endpoint: 'POST /v1/refunds', failure: 'api_error' });
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toBeDefined();
    expect(await rejection(stripe.refunds.create({ payment_intent: intent.id }))).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(t.standIn.refunds.list()).toEqual([]);
    await expect(stripe.refunds.create({ payment_intent: intent.id })).resolves.toMatchObject({ status: 'succeeded' });
  });
});
