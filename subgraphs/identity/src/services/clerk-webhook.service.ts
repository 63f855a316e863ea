import type { Logger } from '@threadly/logger';
import type { IdentityPrisma } from '../database.ts';
import { clerkIdOfDeletion, profileFromClerkUser } from './clerk-profile.ts';
import { ClerkUserService, retryOnEmailRace, type IdentityDb } from './clerk-user.service.ts';
import type { SellerListings } from './seller-listings.ts';

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

/** Keeps identity's users in step with Clerk's user.created, user.updated and user.deleted events. */
export class ClerkWebhookService {
  constructor(
    private readonly prisma: IdentityPrisma,
    private readonly sellerListings: SellerListings,
    private readonly logger: Logger,
  ) {}

  /**
   * Applies a delivery once. Svix delivers at least once and possibly out of order: a redelivered id changes
   * nothing, an update arriving before the create creates the user, and nothing revives a deleted user.
   * Throws `CatalogUnavailableError` when a deletion could not hide the listings; nothing is recorded then, so
   * Svix retries the whole delivery.
   */
  async handle(delivery: ClerkDelivery): Promise<DeliveryOutcome> {
    if (delivery.type === 'user.deleted') return this.handleDeletion(delivery);
    return retryOnEmailRace(() =>
      this.prisma.$transaction(async (tx) => {
        if (!(await recordDelivery(tx, delivery))) return 'duplicate';
        if (delivery.type !== 'user.created' && delivery.type !== 'user.updated') return 'ignored';
        const profile = profileFromClerkUser(delivery.data);
        if (!profile) {
          this.logger.warn({ svixId: delivery.id, type: delivery.type }, 'Clerk user event without a usable user id; ignored');
          return 'ignored';
        }
        return (await new ClerkUserService(tx).syncFromClerk(profile)) ? 'applied' : 'ignored';
      }),
    );
  }

  /**
   * Anonymise, then hide the listings, then record: the catalog call cannot share the database transaction, and
   * both steps are idempotent, so a retry after a catalog failure simply does them again.
   */
  private async handleDeletion(delivery: ClerkDelivery): Promise<DeliveryOutcome> {
    if (await this.prisma.processedWebhook.findUnique({ where: { id: delivery.id }, select: { id: true } })) return 'duplicate';
    const clerkId = clerkIdOfDeletion(delivery.data);
    if (!clerkId) {
      this.logger.warn({ svixId: delivery.id }, 'user.deleted without a user id; ignored');
      return (await recordDelivery(this.prisma, delivery)) ? 'ignored' : 'duplicate';
    }
    const { userId } = await new ClerkUserService(this.prisma).anonymise(clerkId);
    // A direct call for now: the commerce issue's event backbone replaces it with a published UserDeleted event
    // that catalog (and commerce, messaging) consume.
    const { archived } = await this.sellerListings.hideListingsOf(userId);
    this.logger.info({ userId, archived }, 'deleted user anonymised and listings hidden');
    return (await recordDelivery(this.prisma, delivery)) ? 'applied' : 'duplicate';
  }
}
