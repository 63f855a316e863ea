import type Stripe from 'stripe';
import { findPaymentIntent } from './payment-intents.ts';
import type { PaymentOutcome } from './stand-in-api.ts';
import { buildStripeEvent } from './stripe-events.ts';
import { invalidRequest } from './stripe-errors.ts';
import { newCharge } from './stripe-objects.ts';
import type { StandInAccount } from './stripe-route.ts';
import { stripeId } from './ids.ts';

/** Statuses in which a customer can still pay. */
const AWAITING_PAYMENT: readonly string[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/**
 * Stands in for the customer paying with Stripe.js (not an API endpoint of Stripe's): a card payment either succeeds
 * (a captured Charge, status `succeeded`, `payment_intent.succeeded`) or is declined (a failed Charge, back to
 * `requires_payment_method` with `last_payment_error`, `payment_intent.payment_failed`), as Stripe records them.
 * Resolves once the event's automatic webhook delivery, if any, was answered.
 */
export async function settlePaymentAttempt(account: StandInAccount, id: string, outcome: PaymentOutcome): Promise<Stripe.PaymentIntent> {
  const paymentIntent = findPaymentIntent(account, id, 'intent', 404);
  if (!AWAITING_PAYMENT.includes(paymentIntent.status)) {
    throw invalidRequest(`This PaymentIntent's status is ${paymentIntent.status}; only one awaiting payment can be confirmed.`, {
      code: 'payment_intent_unexpected_state',
      payment_intent: structuredClone(paymentIntent),
    });
  }
  const paymentMethodId = stripeId('pm');
  const charge = newCharge({ paymentIntent, paymentMethodId, declined: outcome === 'failed' });
  account.store.charges.set(charge.id, charge);
  const previous = { status: paymentIntent.status, latest_charge: paymentIntent.latest_charge };
  if (outcome === 'succeeded') {
    Object.assign(paymentIntent, {
      status: 'succeeded',
      amount_received: paymentIntent.amount,
      latest_charge: charge.id,
      payment_method: paymentMethodId,
      last_payment_error: null,
    });
    await account.publishEvent(buildStripeEvent('payment_intent.succeeded', paymentIntent, { previousAttributes: previous }));
  } else {
    Object.assign(paymentIntent, {
      status: 'requires_payment_method',
      latest_charge: charge.id,
      payment_method: null,
      last_payment_error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
        charge: charge.id,
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      } satisfies Stripe.PaymentIntent.LastPaymentError,
    });
    await account.publishEvent(buildStripeEvent('payment_intent.payment_failed', paymentIntent, { previousAttributes: previous }));
  }
  return structuredClone(paymentIntent);
}
