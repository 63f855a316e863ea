import type { Logger } from '@threadly/logger';
import type { CommercePrisma } from '../database.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { ordersOwedRefunds } from './background-queries.ts';
import { appendTimeline } from '../services/order-transitions.ts';
import type { StripePayments } from './stripe-payments.ts';

/**
 * Orders whose money must go back: cancelled after payment (by the buyer before shipping, or a payment that
 * arrived after the order had already been cancelled) and no refund requested yet.
 */
export const OWED_REFUND: Prisma.OrderWhereInput = { status: 'CANCELLED', paidAt: { not: null }, refundId: null, paymentIntentId: { not: null } };

/**
 * Requests the refund of each owed order at Stripe (keyed by the order, so a retry returns the same refund) and
 * records it on the order and its timeline; the order becomes REFUNDED when Stripe's `charge.refunded` arrives.
 * Called right after the cancellation commits (for `orderIds`), and by the sweep (all owed) for any whose call
 * failed. Returns how many were requested; failures are logged and left owed.
 */
export async function requestOwedRefunds(prisma: CommercePrisma, payments: StripePayments, logger: Logger, orderIds?: string[]): Promise<number> {
  const candidates = orderIds ?? (await ordersOwedRefunds(prisma, 100));
  if (candidates.length === 0) return 0;
  const owed = await prisma.order.findMany({ where: { AND: [OWED_REFUND, { id: { in: candidates } }] } });
  let requested = 0;
  for (const order of owed) {
    try {
      const refundId = await payments.refundOrder({ paymentIntentId: order.paymentIntentId!, orderId: order.id, amount: order.totalAmount });
      await prisma.$transaction(async (tx) => {
        // Recorded once even if two callers raced to the same (idempotent) refund.
        const { count } = await tx.order.updateMany({ where: { id: order.id, refundId: null }, data: { refundId: refundId ?? 'already-refunded' } });
        if (count === 1) {
          const note = refundId ? `Refund requested at Stripe (${refundId}).` : 'The payment had already been refunded at Stripe.';
          await appendTimeline(tx, order, order.status, note, null);
        }
      });
      requested += 1;
    } catch (error) {
      logger.error({ err: error, orderId: order.id }, 'refund could not be requested; the sweep retries it');
    }
  }
  return requested;
}
