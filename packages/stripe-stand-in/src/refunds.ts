import type Stripe from 'stripe';
import { z } from 'zod';
import { findPaymentIntent } from './payment-intents.ts';
import { formInteger, formList, metadataParam, parseParams } from './form-params.ts';
import { buildStripeEvent } from './stripe-events.ts';
import { invalidRequest, noSuchObject } from './stripe-errors.ts';
import { newRefund } from './stripe-objects.ts';
import type { StandInAccount, StripeCallContext, StripeRoute } from './stripe-route.ts';

const createParams = z.strictObject({
  payment_intent: z.string().optional(),
  charge: z.string().optional(),
  amount: formInteger(1).optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  metadata: metadataParam.optional(),
  expand: formList(z.string())
    .refine((paths) => paths.every((path) => path === 'charge' || path === 'payment_intent'), 'This property cannot be expanded')
    .optional(),
});
type RefundInput = z.output<typeof createParams>;

const formatAmount = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

/** The charge a refund applies to: the given one, or the PaymentIntent's successful charge. */
function chargeToRefund(account: StandInAccount, input: RefundInput): Stripe.Charge {
  if (input.charge) {
    const charge = account.store.charges.get(input.charge);
    if (!charge) throw noSuchObject('charge', input.charge, 'charge', 400);
    return charge;
  }
  const paymentIntent = findPaymentIntent(account, input.payment_intent ?? '', 'payment_intent', 400);
  const charge = typeof paymentIntent.latest_charge === 'string' ? account.store.charges.get(paymentIntent.latest_charge) : undefined;
  if (paymentIntent.status !== 'succeeded' || !charge) {
    throw invalidRequest(
      `This PaymentIntent (${paymentIntent.id}) does not have a successful charge to refund; its status is ${paymentIntent.status}.`,
      { code: 'payment_intent_unexpected_state', param: 'payment_intent', payment_intent: structuredClone(paymentIntent) },
    );
  }
  return charge;
}

function refund(account: StandInAccount, input: RefundInput, call: StripeCallContext): Stripe.Refund {
  const charge = chargeToRefund(account, input);
  const refundable = charge.amount_captured - charge.amount_refunded;
  if (refundable === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  const amount = input.amount ?? refundable;
  if (amount > refundable) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(refundable, charge.currency)})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  const created = newRefund(charge, amount, { reason: input.reason ?? null, metadata: input.metadata ?? {} });
  account.store.refunds.set(created.id, created);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  void account.publishEvent(
    buildStripeEvent('charge.refunded', charge, { request: { id: call.requestId, idempotency_key: call.idempotencyKey }, previousAttributes: previous }),
  );
  return created;
}

/** POST /v1/refunds: refunds a succeeded PaymentIntent (or a charge) in full or in part; settles at once. */
export const refundRoutes = (account: StandInAccount): StripeRoute[] => [
  {
    endpoint: 'POST /v1/refunds',
    method: 'POST',
    path: /^\/v1\/refunds$/,
    prepare(params, _id, call) {
      const input = parseParams(createParams, params);
      if (!input.payment_intent && !input.charge) {
        throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing' });
      }
      return () => {
        const created = structuredClone(refund(account, input, call));
        if (input.expand?.includes('charge') && typeof created.charge === 'string') created.charge = structuredClone(account.store.charges.get(created.charge)) ?? created.charge;
        if (input.expand?.includes('payment_intent') && typeof created.payment_intent === 'string') {
          created.payment_intent = structuredClone(account.store.paymentIntents.get(created.payment_intent)) ?? created.payment_intent;
        }
        return created;
      };
    },
  },
];
