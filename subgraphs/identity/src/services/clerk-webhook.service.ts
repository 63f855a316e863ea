import { appendToOutbox, type OutboxSignal } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import { IDENTITY_DB_SCHEMA, type IdentityPrisma } from '../database.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { userDeletedEvent, userUpdatedEvents } from '../events/user-events.ts';
import { clerkIdOfDeletion, profileFromClerkUser } from './clerk-profile.ts';
import { ClerkUserService, retryOnEmailRace, type IdentityDb } from './clerk-user.service.ts';

const USER = Prisma.raw(`"${IDENTITY_DB_SCHEMA}"."User"`);

/** A verified delivery: Svix's message id (`svix-id`) and Clerk's event. */
export interface ClerkDelivery {
  id: string;
  type: string;
  data: unknown;
}

/**
 * What became of a delivery. `duplicate`: its id was processed before, nothing changed. `ignored`: recorded but
 * changed nothing (an event type identity does not use, a payload without a user id, a profile update for a
 * deleted user).
 */
export type DeliveryOutcome = 'applied' | 'duplicate' | 'ignored';

/** Records a delivery id; false when it was already there. Inside the change's transaction, so both or neither. */
async function recordDelivery(db: IdentityDb, { id, type }: ClerkDelivery): Promise<boolean> {
  const { count } = await db.processedWebhook.createMany({ data: [{ id, type }], skipDuplicates: true });
  return count === 1;
}

/**
 * Keeps identity's users in step with Clerk's user.created, user.updated and user.deleted events, and tells the
 * other subgraphs through identity's outbox (`user.updated`, `user.deleted`), in the same transaction.
 */
export class ClerkWebhookService {
  constructor(
    private readonly prisma: IdentityPrisma,
    private readonly outbox: OutboxSignal,
    private readonly logger: Logger,
  ) {}

  /**
   * Applies a delivery once, in one transaction with its delivery id and its events. Svix delivers at least once
   * and possibly out of order: a redelivered id changes nothing, an update arriving before the create creates the
   * user, and nothing revives a deleted user.
   */
  async handle(delivery: ClerkDelivery): Promise<DeliveryOutcome> {
    const outcome = await retryOnEmailRace(() =>
      this.prisma.$transaction(async (tx) => {
        if (!(await recordDelivery(tx, delivery))) return 'duplicate';
        if (delivery.type === 'user.deleted') return this.delete(tx, delivery);
        if (delivery.type === 'user.created' || delivery.type === 'user.updated') return this.sync(tx, delivery);
        return 'ignored';
      }),
    );
    if (outcome === 'applied') this.outbox.poke();
    return outcome;
  }

  private async sync(tx: IdentityDb, delivery: ClerkDelivery): Promise<DeliveryOutcome> {
    const profile = profileFromClerkUser(delivery.data);
    if (!profile) {
      this.logger.warn({ svixId: delivery.id, type: delivery.type }, 'Clerk user event without a usable user id; ignored');
      return 'ignored';
    }
    // Locked before reading, so `before` is what this write changes (a profile edit cannot slip in between).
    await tx.$queryRaw`SELECT 1 FROM ${USER} WHERE "clerkId" = ${profile.clerkId} FOR UPDATE`;
    const before = await tx.user.findUnique({ where: { clerkId: profile.clerkId } });
    if (!(await new ClerkUserService(tx).syncFromClerk(profile))) return 'ignored';
    // A user seen for the first time is no update: nobody downstream holds a copy of their profile yet.
    if (before) {
      const after = await tx.user.findUniqueOrThrow({ where: { clerkId: profile.clerkId } });
      await appendToOutbox(tx, userUpdatedEvents(after.id, before, after));
    }
    return 'applied';
  }

  /**
   * Anonymises the user and writes `user.deleted`, which catalog consumes to archive their unsold listings. The
   * answer to Svix no longer waits for catalog: the event is committed with the anonymisation, so it cannot be lost.
   */
  private async delete(tx: IdentityDb, delivery: ClerkDelivery): Promise<DeliveryOutcome> {
    const clerkId = clerkIdOfDeletion(delivery.data);
    if (!clerkId) {
      this.logger.warn({ svixId: delivery.id }, 'user.deleted without a user id; ignored');
      return 'ignored';
    }
    const { userId } = await new ClerkUserService(tx).anonymise(clerkId);
    await appendToOutbox(tx, [userDeletedEvent(userId)]);
    this.logger.info({ userId }, 'deleted user anonymised; user.deleted written to the outbox');
    return 'applied';
  }
}
