import { notFound } from '@threadly/errors';
import type { OutboxSignal } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { CommercePrisma } from '../database.ts';
import type { Order } from '../generated/prisma/client.ts';
import { requestOwedRefunds } from '../payments/owed-refunds.ts';
import type { StripePayments } from '../payments/stripe-payments.ts';
import type { OrderChange } from './order-events.ts';
import { assertTransition } from './order-state-machine.ts';
import { formatOrderNumber } from './order-number.ts';
import { lockOrders, transitionOrder } from './order-transitions.ts';

/**
 * What the parties do to an order: the seller ships it and marks it delivered, the buyer cancels it before it
 * ships. Who may call which is declared on the mutations (auth scopes); every change goes through the state machine.
 */
export class OrderActionsService {
  constructor(
    private readonly prisma: CommercePrisma,
    private readonly payments: StripePayments,
    private readonly outbox: OutboxSignal,
    private readonly logger: Logger,
  ) {}

  ship(sellerId: string, orderId: string, shipment: { carrier: string; trackingNumber: string }): Promise<Order> {
    return this.change(orderId, { to: 'SHIPPED', ...shipment }, sellerId);
  }

  markDelivered(sellerId: string, orderId: string): Promise<Order> {
    return this.change(orderId, { to: 'DELIVERED' }, sellerId);
  }

  /**
   * Cancels before shipping. Unpaid: the checkout's PaymentIntent is cancelled at Stripe, and with it every unpaid
   * order it was paying for (one payment cannot be paid in part). Paid: the order's total is refunded through
   * Stripe; the order becomes REFUNDED when Stripe confirms. Catalog puts the products back on sale either way.
   */
  async cancel(buyerId: string, orderId: string): Promise<Order> {
    const cancelled = await this.prisma.$transaction(async (tx) => {
      const [order] = await lockOrders(tx, { id: orderId });
      if (!order) throw notFound('Order', orderId);
      assertTransition(formatOrderNumber(order.number), { status: order.status, paid: order.paidAt !== null }, 'CANCELLED');
      const unpaidSiblings = order.status === 'PENDING_PAYMENT' && order.paymentIntentId !== null;
      const orders = unpaidSiblings ? await lockOrders(tx, { paymentIntentId: order.paymentIntentId, status: 'PENDING_PAYMENT' }) : [order];
      for (const each of orders) await transitionOrder(tx, each, { to: 'CANCELLED', reason: 'BUYER_CANCELLED' }, { actorId: buyerId });
      return order;
    });
    this.outbox.poke();
    // After the commit, never inside it: a Stripe failure cannot undo the cancellation. An unpaid intent left
    // payable would only lead to a late payment, which is refunded; an owed refund is retried by the sweep.
    if (cancelled.status === 'PENDING_PAYMENT' && cancelled.paymentIntentId) {
      await this.payments.cancelPaymentIntent(cancelled.paymentIntentId).catch((error: unknown) => {
        this.logger.warn({ err: error, paymentIntentId: cancelled.paymentIntentId }, 'PaymentIntent not cancelled; a late payment will be refunded');
      });
    } else {
      await requestOwedRefunds(this.prisma, this.payments, this.logger, [orderId]);
    }
    return this.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  }

  private async change(orderId: string, change: OrderChange, actorId: string): Promise<Order> {
    const changed = await this.prisma.$transaction(async (tx) => {
      const [order] = await lockOrders(tx, { id: orderId });
      if (!order) throw notFound('Order', orderId);
      return transitionOrder(tx, order, change, { actorId });
    });
    this.outbox.poke();
    return changed;
  }
}
