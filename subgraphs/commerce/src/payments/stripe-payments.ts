import Stripe from 'stripe';

export interface CreatedPaymentIntent {
  id: string;
  clientSecret: string;
}

/** How a request to cancel a PaymentIntent ended. `succeeded`: too late, the customer paid (a webhook follows). */
export type CancelOutcome = 'canceled' | 'already-canceled' | 'succeeded';

const unexpectedStateOf = (error: unknown): string | undefined =>
  error instanceof Stripe.errors.StripeError && error.code === 'payment_intent_unexpected_state' ? (error.payment_intent?.status ?? 'unknown') : undefined;

/**
 * The four Stripe calls commerce makes. Every call that creates something carries an idempotency key derived from
 * what it is for (the checkout attempt, the order), so a retry after a lost answer returns the first result.
 */
export class StripePayments {
  constructor(private readonly stripe: Stripe) {}

  /** One PaymentIntent for a checkout: the orders' totals together, their ids in the metadata. */
  async createPaymentIntent(input: { amount: number; currency: string; checkoutId: string; orderIds: string[] }): Promise<CreatedPaymentIntent> {
    const paymentIntent = await this.stripe.paymentIntents.create(
      {
        amount: input.amount,
        currency: input.currency.toLowerCase(),
        automatic_payment_methods: { enabled: true },
        metadata: { checkoutId: input.checkoutId, orderIds: input.orderIds.join(',') },
      },
      { idempotencyKey: `checkout-${input.checkoutId}` },
    );
    if (!paymentIntent.client_secret) throw new Error(`PaymentIntent ${paymentIntent.id} came back without a client secret`);
    return { id: paymentIntent.id, clientSecret: paymentIntent.client_secret };
  }

  /** Cancels an unpaid PaymentIntent so it can no longer be paid; cancelling one already canceled is fine. */
  async cancelPaymentIntent(id: string): Promise<CancelOutcome> {
    try {
      await this.stripe.paymentIntents.cancel(id, { cancellation_reason: 'abandoned' });
      return 'canceled';
    } catch (error) {
      const state = unexpectedStateOf(error);
      if (state === 'canceled') return 'already-canceled';
      if (state === 'succeeded') return 'succeeded';
      throw error;
    }
  }

  /**
   * Refunds one order's total from the checkout's PaymentIntent (several orders may share it). Keyed by the order,
   * so asking again — a retry, a second cancel — returns the same refund. Null when the charge was already fully
   * refunded (e.g. from the Stripe dashboard).
   */
  async refundOrder(input: { paymentIntentId: string; orderId: string; amount: number }): Promise<string | null> {
    try {
      const refund = await this.stripe.refunds.create(
        { payment_intent: input.paymentIntentId, amount: input.amount, metadata: { orderId: input.orderId } },
        { idempotencyKey: `refund-${input.orderId}` },
      );
      return refund.id;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError && error.code === 'charge_already_refunded') return null;
      throw error;
    }
  }

  /** Verifies a webhook delivery against the exact bytes received; throws on a bad signature or a stale timestamp. */
  verifyWebhook(rawBody: Buffer, signature: string, secret: string, toleranceSeconds: number): Stripe.Event {
    return this.stripe.webhooks.constructEvent(rawBody, signature, secret, toleranceSeconds);
  }
}
