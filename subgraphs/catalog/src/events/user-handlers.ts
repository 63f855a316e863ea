import type { EventConsumerDefinition, EventHandler } from '@threadly/events';
import type { Prisma } from '../generated/prisma/client.ts';
import { SellerModerationService } from '../services/seller-moderation.service.ts';

/** A deleted account's unsold listings leave the shop (identity anonymised the user in the same commit as the event). */
const hideDeletedSellersListings: EventHandler<'user.deleted', Prisma.TransactionClient> = async ({ payload }, tx) => {
  await new SellerModerationService(tx).hideListingsOf(payload.userId);
};

export const userEventHandlers = {
  'user.deleted': hideDeletedSellersListings,
} satisfies EventConsumerDefinition<Prisma.TransactionClient>['handlers'];
