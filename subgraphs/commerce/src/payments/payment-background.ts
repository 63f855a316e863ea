import type { OutboxSignal } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { CommercePrisma } from '../database.ts';
import { requestOwedRefunds } from './owed-refunds.ts';
import { startPeriodicTask, type PeriodicTask } from './periodic-task.ts';
import { expireReservations } from './reservation-expiry.ts';
import { StripeEventWorker } from './stripe-event-worker.ts';
import type { StripePayments } from './stripe-payments.ts';

// Stored events are handled at once when the webhook pokes; the tick picks up other replicas' and retries.
const EVENT_POLL_MS = 1_000;

export interface PaymentBackground {
  start(): void;
  /** Asks the Stripe event worker to run now (the webhook route calls it after storing an event). */
  pokeEvents(): void;
  /** Resolves once the Stripe event worker has nothing in hand (tests wait on it instead of sleeping). */
  eventsIdle(): Promise<void>;
  /** Runs one expiry sweep now and resolves when it is done. */
  sweepNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Commerce's two background loops: the Stripe event worker, and the sweep (expired reservations, owed refunds). */
export function createPaymentBackground(options: {
  prisma: CommercePrisma;
  payments: StripePayments;
  outbox: OutboxSignal;
  logger: Logger;
  sweepIntervalMs: number;
}): PaymentBackground {
  const { prisma, payments, logger } = options;
  const worker = new StripeEventWorker(prisma, payments, options.outbox, logger);
  const sweep = async () => {
    await expireReservations(options);
    await requestOwedRefunds(prisma, payments, logger);
  };
  let events: PeriodicTask | null = null;
  let sweeper: PeriodicTask | null = null;
  return {
    start() {
      events ??= startPeriodicTask('stripe-events', EVENT_POLL_MS, () => worker.drain(), logger);
      sweeper ??= startPeriodicTask('reservation-sweep', options.sweepIntervalMs, sweep, logger);
    },
    pokeEvents: () => events?.poke(),
    eventsIdle: async () => {
      await events?.idle();
    },
    sweepNow: sweep,
    async stop() {
      await Promise.all([events?.stop(), sweeper?.stop()]);
      events = null;
      sweeper = null;
    },
  };
}
