import { createInternalRoute } from '@threadly/subgraph-runtime';
import { z } from 'zod';
import type { CatalogPrisma } from '../database.ts';
import { SellerModerationService } from '../services/seller-moderation.service.ts';

export const HIDE_SELLER_LISTINGS_PATH = '/internal/sellers/hide-listings';

/**
 * `POST /internal/sellers/hide-listings` `{ sellerId }` → `{ archived }`: identity calls it (service-signed) after
 * anonymising a deleted Clerk user. Temporary: the commerce issue's event backbone replaces this direct call
 * with a UserDeleted event catalog consumes.
 */
export const createHideSellerListingsRoute = (prisma: CatalogPrisma, secret: string) =>
  createInternalRoute({
    path: HIDE_SELLER_LISTINGS_PATH,
    secret,
    input: z.object({ sellerId: z.guid('expected a user id') }),
    handle: ({ sellerId }) => new SellerModerationService(prisma).hideListingsOf(sellerId),
  });
