import type { OutboxSignal } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { CommercePrisma } from '../database.ts';
import type { Order } from '../generated/prisma/client.ts';
import type { OrderChange } from '../services/order-events.ts';
import { lapsedReservations } from './background-queries.ts';
import { lockOrders, transitionOrder } from '../services/order-transitions.ts';
import type { CancelOutcome, StripePayments } from './stripe-payments.ts';

const BATCH = 100;

/**
 * Cancels unpaid orders whose reservation has lapsed. Per PaymentIntent (one checkout's orders share it): cancel
 * it at Stripe first, so it can no longer be paid. If Stripe says it was paid meanwhile, the orders are PAID (its
 * webhook, late or lost, then changes nothing; catalog still holds the products, since only an order event releases
 * them); if Stripe cannot be reached, cancel anyway (a payment arriving later is refunded). Cancelled orders get
 * RESERVATION_EXPIRED and `order.cancelled`, and catalog puts the products back on sale.
 */
export async function expireReservations(
  { prisma, payments, outbox, logger }: { prisma: CommercePrisma; payments: StripePayments; outbox: OutboxSignal; logger: Logger },
  now = new Date(),
): Promise<number> {
  const lapsedIds = await lapsedReservations(prisma, now, BATCH);
  if (lapsedIds.length === 0) return 0;
  const lapsed = await prisma.order.findMany({ where: { id: { in: lapsedIds } }, orderBy: { reservedUntil: 'asc' } });
  const byIntent = new Map<string, Order[]>();
  for (const order of lapsed) {
    const key = order.paymentIntentId ?? order.id;
    byIntent.set(key, [...(byIntent.get(key) ?? []), order]);
  }
  let cancelled = 0;
  for (const orders of byIntent.values()) {
    const paymentIntentId = orders[0]!.paymentIntentId;
    if (paymentIntentId) {
      const outcome: CancelOutcome | 'unreachable' = await payments.cancelPaymentIntent(paymentIntentId).catch((error: unknown) => {
        logger.warn({ err: error, paymentIntentId }, 'PaymentIntent not cancelled at expiry; a late payment will be refunded');
        return 'unreachable' as const;
      });
      if (outcome === 'succeeded') {
        await settle(prisma, orders, { to: 'PAID', paymentIntentId });
        outbox.poke();
        continue;
      }
    }
    cancelled += await settle(prisma, orders, { to: 'CANCELLED', reason: 'RESERVATION_EXPIRED' });
    outbox.poke();
    logger.info({ paymentIntentId, orderIds: orders.map((order) => order.id) }, 'unpaid orders expired');
  }
  return cancelled;
}

/** Moves those of `orders` still unpaid, as the system; returns how many moved. */
const settle = (prisma: CommercePrisma, orders: Order[], change: OrderChange) =>
  prisma.$transaction(async (tx) => {
    const still = await lockOrders(tx, { id: { in: orders.map((order) => order.id) }, status: 'PENDING_PAYMENT' });
    for (const order of still) await transitionOrder(tx, order, change, { actorId: null });
    return still.length;
  });
