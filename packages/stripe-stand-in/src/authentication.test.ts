import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeStandIn } from './stand-in-api.ts';
import { startStripeStandIn } from './start-stripe-stand-in.ts';

let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn({ apiKeys: ['sk_test_only_this_one'] });
});
afterAll(() => standIn.stop());

const rejection = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a Stripe error'), (error: unknown) => error);

describe('authentication and error shapes', () => {
  it('accepts the configured key', async () => {
    expect(standIn.apiKey).toBe('sk_test_only_this_one');
    await expect(standIn.stripe().paymentIntents.create({ amount: 100, currency: 'eur' })).resolves.toMatchObject({ object: 'payment_intent' });
  });

  it('answers 401 for a wrong key, which the SDK raises as StripeAuthenticationError', async () => {
    const error = await rejection(standIn.stripe('sk_test_wrong_key_1234').paymentIntents.retrieve('pi_x'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, message: 'Invalid API Key provided: sk_test_****1234' });
  });

  it('accepts any test-mode key by default and never a live one', async () => {
    const open = await startStripeStandIn();
    try {
      await expect(open.stripe('sk_test_anything').paymentIntents.create({ amount: 1, currency: 'eur' })).resolves.toBeDefined();
      expect(await rejection(open.stripe('sk_live_real_money').paymentIntents.create({ amount: 1, currency: 'eur' }))).toBeInstanceOf(
        Stripe.errors.StripeAuthenticationError,
      );
    } finally {
      await open.stop();
    }
  });

  it('answers a request without a key with Stripe’s 401 body', async () => {
    const response = await fetch(`${standIn.url}/v1/payment_intents`, { method: 'POST', body: 'amount=1&currency=eur', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({ error: { type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') } });
  });

  it('answers an unknown URL with 404 invalid_request_error', async () => {
    const response = await fetch(`${standIn.url}/v1/customers`, { headers: { authorization: 'Bearer sk_test_only_this_one' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { type: 'invalid_request_error', message: expect.stringContaining('Unrecognized request URL (GET: /v1/customers)') } });
  });

  it('gives code, param and doc_url on parameter errors', async () => {
    const response = await fetch(`${standIn.url}/v1/payment_intents`, {
      method: 'POST',
      body: 'currency=eur',
      headers: { authorization: 'Bearer sk_test_only_this_one', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        param: 'amount',
        message: 'Missing required param: amount.',
        doc_url: 'https://stripe.com/docs/error-codes/parameter-missing',
      },
    });
  });
});
