import type { OutboxSignal } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type Stripe from 'stripe';
import type { CommercePrisma } from '../database.ts';
import type { StripeEvent } from '../generated/prisma/client.ts';
import { nextPendingStripeEvent } from './background-queries.ts';
import { requestOwedRefunds } from './owed-refunds.ts';
import { handleStripeEvent, type FollowUps } from './stripe-event-handlers.ts';
import type { StripePayments } from './stripe-payments.ts';

/** Failed attempts after which a stored event is set aside (processedAt with lastError) so later ones can run. */
export const MAX_EVENT_ATTEMPTS = 5;

/**
 * Handles stored Stripe events in order of arrival, each in one transaction with the order changes and order
 * events it causes, then makes the Stripe calls it asks for. The webhook route stores and pokes; the runtime also
 * runs it on an interval, for events stored by another replica or left by a crash. Claiming an event inside the
 * transaction (processedAt set where still null) makes two replicas never apply one event twice.
 */
export class StripeEventWorker {
  constructor(
    private readonly prisma: CommercePrisma,
    private readonly payments: StripePayments,
    private readonly outbox: OutboxSignal,
    private readonly logger: Logger,
  ) {}

  /** Handles every pending event, oldest first; stops at the first failure to keep the order (retried later). */
  async drain(): Promise<void> {
    for (;;) {
      const id = await nextPendingStripeEvent(this.prisma);
      const next = id && (await this.prisma.stripeEvent.findUnique({ where: { id } }));
      if (!next || !(await this.handle(next))) return;
    }
  }

  private async handle(stored: StripeEvent): Promise<boolean> {
    let followUps: FollowUps | null;
    try {
      followUps = await this.prisma.$transaction(async (tx) => {
        const claimed = await tx.stripeEvent.updateMany({
          where: { id: stored.id, processedAt: null },
          data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: null },
        });
        return claimed.count === 1 ? handleStripeEvent(tx, stored.payload as unknown as Stripe.Event) : null;
      });
    } catch (error) {
      const attempts = stored.attempts + 1;
      const givenUp = attempts >= MAX_EVENT_ATTEMPTS;
      this.logger.error({ err: error, stripeEventId: stored.id, type: stored.type, attempts, givenUp }, 'Stripe event not handled');
      await this.prisma.stripeEvent.update({
        where: { id: stored.id },
        data: { attempts, lastError: error instanceof Error ? error.message : String(error), processedAt: givenUp ? new Date() : null },
      });
      return givenUp;
    }
    if (followUps) {
      this.outbox.poke();
      await this.followUp(followUps);
    }
    return true;
  }

  private async followUp({ cancelPaymentIntent, refundOrderIds }: FollowUps) {
    if (cancelPaymentIntent) {
      await this.payments.cancelPaymentIntent(cancelPaymentIntent).catch((error: unknown) => {
        this.logger.warn({ err: error, paymentIntentId: cancelPaymentIntent }, 'PaymentIntent not cancelled; a late payment will be refunded');
      });
    }
    if (refundOrderIds.length > 0) await requestOwedRefunds(this.prisma, this.payments, this.logger, refundOrderIds);
  }
}
