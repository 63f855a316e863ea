import DataLoader from 'dataloader';
import { createPageLoader, isUuid, keysetWindowQuery, type PagedRow } from '@threadly/database';
import { CATALOG_DB_SCHEMA, type CatalogPrisma } from '../database.ts';
import type { ProductStatus } from '../generated/prisma/client.ts';

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

/**
 * A page of each user's favorites whose product is in one of `statuses`, most recently favorited first; the row's id
 * is the product's and its `at` when it was favorited. One statement per page asked, however many users.
 */
export const createFavoritesByUserLoader = (prisma: CatalogPrisma) =>
  createPageLoader<ProductStatus[]>((userIds, plan, statuses) =>
    prisma.$queryRawUnsafe<PagedRow[]>(
      ...keysetWindowQuery(
        {
          table: `"${CATALOG_DB_SCHEMA}"."Favorite"`,
          parent: 'userId',
          at: 'createdAt',
          id: 'productId',
          where: (param) => [
            `EXISTS (SELECT 1 FROM "${CATALOG_DB_SCHEMA}"."Product" AS p WHERE p."id" = t."productId" AND p."status"::text = ANY(${param(statuses)}::text[]))`,
          ],
        },
        userIds,
        plan,
      ),
    ),
  );
