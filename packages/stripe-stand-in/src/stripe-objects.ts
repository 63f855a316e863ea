import type Stripe from 'stripe';
import { clientSecretFor, stripeId, unixNow } from './ids.ts';

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  metadata: Stripe.Metadata;
  description: string | null;
  /** The pre-2026 `payment_method_types` parameter: explicit types switch automatic payment methods off. */
  paymentMethodTypes: string[] | null;
  /** `allowed_payment_method_types` / `excluded_payment_method_types` (API 2026-10-28): automatic methods within limits. */
  allowedPaymentMethodTypes: Stripe.PaymentIntent.AllowedPaymentMethodType[] | null;
  excludedPaymentMethodTypes: Stripe.PaymentIntent.ExcludedPaymentMethodType[] | null;
  allowRedirects: 'always' | 'never' | null;
  receiptEmail: string | null;
}

/**
 * A PaymentIntent as Stripe returns it after create: every field of the API version's shape present, most of them
 * null, status `requires_payment_method` until the customer pays.
 */
export function newPaymentIntent(input: NewPaymentIntent): Stripe.PaymentIntent {
  const id = stripeId('pi');
  const automatic = input.paymentMethodTypes === null;
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automatic ? { enabled: true, ...(input.allowRedirects ? { allow_redirects: input.allowRedirects } : {}) } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: clientSecretFor(id),
    confirmation_method: 'automatic',
    created: unixNow(),
    currency: input.currency,
    customer: null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: input.excludedPaymentMethodTypes,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: automatic ? { id: stripeId('pmc'), parent: null } : null,
    payment_method_options: {},
    payment_method_types: (input.paymentMethodTypes ?? input.allowedPaymentMethodTypes ?? ['card']).filter(
      (type) => !input.excludedPaymentMethodTypes?.includes(type),
    ),
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

export interface ChargeAttempt {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethodId: string;
  /** A declined attempt is a failed Charge, as Stripe records it. */
  declined: boolean;
}

/** The Charge a payment attempt on a PaymentIntent creates. */
export function newCharge({ paymentIntent, paymentMethodId, declined }: ChargeAttempt): Stripe.Charge {
  const amount = paymentIntent.amount;
  return {
    id: stripeId('ch'),
    object: 'charge',
    amount,
    amount_captured: declined ? 0 : amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: declined ? null : stripeId('txn'),
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'THREADLY',
    captured: !declined,
    created: unixNow(),
    currency: paymentIntent.currency,
    customer: null,
    description: paymentIntent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: declined ? 'card_declined' : null,
    failure_message: declined ? 'Your card was declined.' : null,
    fraud_details: {},
    livemode: false,
    metadata: { ...paymentIntent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: declined ? 'declined_by_network' : 'approved_by_network',
      reason: declined ? 'generic_decline' : null,
      risk_level: 'normal',
      seller_message: declined ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
      type: declined ? 'issuer_declined' : 'authorized',
    },
    paid: !declined,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethodId,
    payment_method_details: null,
    receipt_email: paymentIntent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: declined ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

/** A Refund of `amount` on `charge`; the stand-in settles refunds at once (status `succeeded`). */
export function newRefund(charge: Stripe.Charge, amount: number, input: { reason: Stripe.Refund.Reason | null; metadata: Stripe.Metadata }): Stripe.Refund {
  return {
    id: stripeId('re'),
    object: 'refund',
    amount,
    balance_transaction: stripeId('txn'),
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    customer: null,
    customer_account: null,
    destination_details: { type: 'card', card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' } },
    metadata: input.metadata,
    payment_intent: typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null),
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}
