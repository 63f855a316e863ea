import type { CommercePrisma } from '../database.ts';

/*
 * The questions commerce's timers ask when there is usually nothing to do. They carry the `/* background: … *\/`
 * mark, like the outbox relay's polling, so statement counters (the N+1 tests) leave them out: they run on a
 * schedule, not for any request. Only ids come back; the work that follows reads the rows normally.
 */

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

/** The oldest stored Stripe event not handled yet. */
export const nextPendingStripeEvent = async (prisma: CommercePrisma): Promise<string | undefined> =>
  ids(await prisma.$queryRaw<Array<{ id: string }>>`/* background: stripe events */ SELECT id FROM "commerce"."StripeEvent"
    WHERE "processedAt" IS NULL ORDER BY arrival LIMIT 1`)[0];

/** Unpaid orders whose reservation lapsed before `now`, oldest first. */
export const lapsedReservations = async (prisma: CommercePrisma, now: Date, limit: number): Promise<string[]> =>
  ids(await prisma.$queryRaw<Array<{ id: string }>>`/* background: reservation sweep */ SELECT id FROM "commerce"."Order"
    WHERE status = 'PENDING_PAYMENT' AND "reservedUntil" < ${now} ORDER BY "reservedUntil" LIMIT ${limit}`);

/** Orders cancelled after payment whose refund was not requested yet (see `OWED_REFUND`). */
export const ordersOwedRefunds = async (prisma: CommercePrisma, limit: number): Promise<string[]> =>
  ids(await prisma.$queryRaw<Array<{ id: string }>>`/* background: reservation sweep */ SELECT id FROM "commerce"."Order"
    WHERE status = 'CANCELLED' AND "paidAt" IS NOT NULL AND "refundId" IS NULL AND "paymentIntentId" IS NOT NULL LIMIT ${limit}`);
