import DataLoader from 'dataloader';
import { isUuid } from '@threadly/database';
import type { CatalogPrisma } from '../database.ts';

/** How many users favorited each product: one `GROUP BY` for the whole list. */
export const createFavoriteCountLoader = (prisma: CatalogPrisma) =>
  new DataLoader<string, number>(async (productIds) => {
    const valid = productIds.filter(isUuid);
    const groups = valid.length > 0
      ? await prisma.favorite.groupBy({ by: ['productId'], where: { productId: { in: valid } }, _count: { _all: true } })
      : [];
    const counts = new Map(groups.map((group) => [group.productId, group._count._all]));
    return productIds.map((id) => counts.get(id) ?? 0);
  });

/** Whether `userId` (the viewer) favorited each product; anonymous viewers have favorited nothing. */
export const createFavoritedByViewerLoader = (prisma: CatalogPrisma, userId: string | null) =>
  new DataLoader<string, boolean>(async (productIds) => {
    const valid = productIds.filter(isUuid);
    if (!userId || valid.length === 0) return productIds.map(() => false);
    const rows = await prisma.favorite.findMany({ where: { userId, productId: { in: valid } }, select: { productId: true } });
    const favorited = new Set(rows.map((row) => row.productId));
    return productIds.map((id) => favorited.has(id));
  });
