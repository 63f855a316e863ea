import { isUuid } from '@threadly/database';
import type Stripe from 'stripe';
import type { Order, Prisma } from '../generated/prisma/client.ts';
import { canTransition } from '../services/order-state-machine.ts';
import { appendTimeline, lockOrders, transitionOrder, type CommerceTx } from '../services/order-transitions.ts';

/** Stripe calls a handled event asks for, made after its transaction commits (a Stripe failure undoes nothing). */
export interface FollowUps {
  /** A PaymentIntent to cancel so it can no longer be paid. */
  cancelPaymentIntent: string | null;
  /** Orders now owed a refund. */
  refundOrderIds: string[];
}

const none = (): FollowUps => ({ cancelPaymentIntent: null, refundOrderIds: [] });

/** The orders a PaymentIntent pays for: by the id stored at checkout, or by its metadata should that write have been lost. */
function ordersOf(paymentIntentId: string, metadata: Stripe.Metadata | null | undefined): Prisma.OrderWhereInput {
  const orderIds = (metadata?.orderIds ?? '').split(',').filter(isUuid);
  return { OR: [{ paymentIntentId }, ...(orderIds.length > 0 ? [{ id: { in: orderIds } }] : [])] };
}

const isPaid = (order: Order) => order.paidAt !== null;

/**
 * `payment_intent.succeeded`: unpaid orders become PAID. An order already cancelled (expired, failed, cancelled by
 * the buyer) was paid too late: it stays cancelled, the payment is recorded and refunded. Anything else (already
 * paid, shipped, …) means a duplicate: nothing happens.
 */
async function paymentSucceeded(tx: CommerceTx, paymentIntent: Stripe.PaymentIntent): Promise<FollowUps> {
  const followUps = none();
  for (const order of await lockOrders(tx, ordersOf(paymentIntent.id, paymentIntent.metadata))) {
    if (order.status === 'PENDING_PAYMENT') {
      await transitionOrder(tx, order, { to: 'PAID', paymentIntentId: paymentIntent.id }, { actorId: null });
    } else if (order.status === 'CANCELLED' && !isPaid(order)) {
      const late = await tx.order.update({ where: { id: order.id }, data: { paidAt: new Date(), paymentIntentId: paymentIntent.id } });
      await appendTimeline(tx, late, 'CANCELLED', 'Payment arrived after the order was cancelled; it is refunded.', null);
      followUps.refundOrderIds.push(order.id);
    }
  }
  return followUps;
}

/**
 * `payment_intent.payment_failed` / `payment_intent.canceled`: unpaid orders are cancelled (catalog then releases
 * the products). A failed intent is also cancelled at Stripe, so a later attempt cannot pay for cancelled orders.
 * Orders past PENDING_PAYMENT are left alone: a failure reported after a success changes nothing.
 */
async function paymentEnded(tx: CommerceTx, paymentIntent: Stripe.PaymentIntent, reason: 'PAYMENT_FAILED' | 'PAYMENT_CANCELED'): Promise<FollowUps> {
  const unpaid = (await lockOrders(tx, ordersOf(paymentIntent.id, paymentIntent.metadata))).filter((order) => order.status === 'PENDING_PAYMENT');
  for (const order of unpaid) await transitionOrder(tx, order, { to: 'CANCELLED', reason }, { actorId: null });
  return { ...none(), cancelPaymentIntent: reason === 'PAYMENT_FAILED' && unpaid.length > 0 ? paymentIntent.id : null };
}

/**
 * `charge.refunded`: a full refund ends every paid order of the PaymentIntent as REFUNDED; a partial one only the
 * orders commerce asked a refund for (one checkout's orders share a charge). Orders already refunded stay so.
 */
async function chargeRefunded(tx: CommerceTx, charge: Stripe.Charge): Promise<FollowUps> {
  const paymentIntentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentIntentId) return none();
  for (const order of await lockOrders(tx, { paymentIntentId })) {
    const refunded = charge.refunded || order.refundId !== null;
    if (refunded && canTransition({ status: order.status, paid: isPaid(order) }, 'REFUNDED')) {
      await transitionOrder(tx, order, { to: 'REFUNDED' }, { actorId: null });
    }
  }
  return none();
}

/**
 * Applies one verified Stripe event to the orders through the state machine, in the caller's transaction, and
 * says which Stripe calls should follow. Event types commerce does not use change nothing.
 */
export function handleStripeEvent(tx: CommerceTx, event: Stripe.Event): Promise<FollowUps> {
  switch (event.type) {
    case 'payment_intent.succeeded':
      return paymentSucceeded(tx, event.data.object);
    case 'payment_intent.payment_failed':
      return paymentEnded(tx, event.data.object, 'PAYMENT_FAILED');
    case 'payment_intent.canceled':
      return paymentEnded(tx, event.data.object, 'PAYMENT_CANCELED');
    case 'charge.refunded':
      return chargeRefunded(tx, event.data.object);
    default:
      return Promise.resolve(none());
  }
}
