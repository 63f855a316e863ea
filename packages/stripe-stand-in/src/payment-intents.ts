import type Stripe from 'stripe';
import { z } from 'zod';
import { formBoolean, formInteger, formList, metadataParam, parseParams } from './form-params.ts';
import { buildStripeEvent } from './stripe-events.ts';
import { invalidRequest, noSuchObject } from './stripe-errors.ts';
import { newPaymentIntent } from './stripe-objects.ts';
import type { StandInAccount, StripeRoute } from './stripe-route.ts';
import { unixNow } from './ids.ts';

const expandable = formList(z.string())
  .refine((paths) => paths.every((path) => path === 'latest_charge'), 'This property cannot be expanded')
  .optional();

const createParams = z.strictObject({
  amount: formInteger(1),
  currency: z
    .string()
    .regex(/^[a-zA-Z]{3}$/, 'Invalid currency')
    .transform((currency) => currency.toLowerCase()),
  metadata: metadataParam.optional(),
  description: z.string().max(1000).optional(),
  automatic_payment_methods: z.strictObject({ enabled: formBoolean, allow_redirects: z.enum(['always', 'never']).optional() }).optional(),
  payment_method_types: formList(z.string()).optional(),
  allowed_payment_method_types: formList(z.string()).optional(),
  excluded_payment_method_types: formList(z.string()).optional(),
  receipt_email: z.string().optional(),
  expand: expandable,
});

const retrieveParams = z.strictObject({ client_secret: z.string().optional(), expand: expandable });

const cancelParams = z.strictObject({
  cancellation_reason: z.enum(['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  expand: expandable,
});

/** Statuses Stripe lets a PaymentIntent be canceled from. */
const CANCELABLE: readonly string[] = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];

export function findPaymentIntent(account: StandInAccount, id: string, param: string, status: 404 | 400): Stripe.PaymentIntent {
  const paymentIntent = account.store.paymentIntents.get(id);
  if (!paymentIntent) throw noSuchObject('payment_intent', id, param, status);
  return paymentIntent;
}

/** The response body: a snapshot, with `latest_charge` expanded to the Charge when asked. */
function render(account: StandInAccount, paymentIntent: Stripe.PaymentIntent, expand: string[] | undefined): Stripe.PaymentIntent {
  const snapshot = structuredClone(paymentIntent);
  if (expand?.includes('latest_charge') && typeof snapshot.latest_charge === 'string') {
    snapshot.latest_charge = structuredClone(account.store.charges.get(snapshot.latest_charge)) ?? snapshot.latest_charge;
  }
  return snapshot;
}

/** POST /v1/payment_intents, GET /v1/payment_intents/:id, POST /v1/payment_intents/:id/cancel. */
export const paymentIntentRoutes = (account: StandInAccount): StripeRoute[] => [
  {
    endpoint: 'POST /v1/payment_intents',
    method: 'POST',
    path: /^\/v1\/payment_intents$/,
    prepare(params) {
      const input = parseParams(createParams, params);
      const automatic = input.automatic_payment_methods;
      if (input.payment_method_types && (automatic?.enabled || input.allowed_payment_method_types)) {
        const other = automatic?.enabled ? 'automatic_payment_methods' : 'allowed_payment_method_types';
        throw invalidRequest(`You may only specify one of these parameters: ${other}, payment_method_types.`, { code: 'parameters_exclusive', param: other });
      }
      return () => {
        const paymentIntent = newPaymentIntent({
          amount: input.amount,
          currency: input.currency,
          metadata: input.metadata ?? {},
          description: input.description ?? null,
          paymentMethodTypes: input.payment_method_types ?? (automatic?.enabled === false ? ['card'] : null),
          allowedPaymentMethodTypes: input.allowed_payment_method_types ?? null,
          excludedPaymentMethodTypes: input.excluded_payment_method_types ?? null,
          allowRedirects: automatic?.allow_redirects ?? null,
          receiptEmail: input.receipt_email ?? null,
        });
        account.store.paymentIntents.set(paymentIntent.id, paymentIntent);
        return render(account, paymentIntent, input.expand);
      };
    },
  },
  {
    endpoint: 'GET /v1/payment_intents/:id',
    method: 'GET',
    path: /^\/v1\/payment_intents\/(?<id>[^/]+)$/,
    prepare(params, id = '') {
      const input = parseParams(retrieveParams, params);
      return () => render(account, findPaymentIntent(account, id, 'intent', 404), input.expand);
    },
  },
  {
    endpoint: 'POST /v1/payment_intents/:id/cancel',
    method: 'POST',
    path: /^\/v1\/payment_intents\/(?<id>[^/]+)\/cancel$/,
    prepare(params, id = '', call) {
      const input = parseParams(cancelParams, params);
      return () => {
        const paymentIntent = findPaymentIntent(account, id, 'intent', 404);
        if (!CANCELABLE.includes(paymentIntent.status)) {
          throw invalidRequest(
            `You cannot cancel this PaymentIntent because it has a status of ${paymentIntent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
            { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(paymentIntent) },
          );
        }
        const previous = { status: paymentIntent.status, canceled_at: null, cancellation_reason: null };
        Object.assign(paymentIntent, { status: 'canceled', canceled_at: unixNow(), cancellation_reason: input.cancellation_reason ?? null });
        void account.publishEvent(
          buildStripeEvent('payment_intent.canceled', paymentIntent, { request: { id: call.requestId, idempotency_key: call.idempotencyKey }, previousAttributes: previous }),
        );
        return render(account, paymentIntent, input.expand);
      };
    },
  },
];
