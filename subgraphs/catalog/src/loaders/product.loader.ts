import { createByIdLoader, createGroupLoader, createPageLoader, keysetWindowQuery, type PagedRow } from '@threadly/database';
import { CATALOG_DB_SCHEMA, type CatalogPrisma } from '../database.ts';
import type { ProductStatus } from '../generated/prisma/client.ts';

export const createProductByIdLoader = (prisma: CatalogPrisma) =>
  createByIdLoader((ids) => prisma.product.findMany({ where: { id: { in: ids } } }));

/** A product's images, in display order. */
export const createProductImagesLoader = (prisma: CatalogPrisma) =>
  createGroupLoader(
    (productIds) => prisma.productImage.findMany({ where: { productId: { in: productIds } }, orderBy: { position: 'asc' } }),
    (image) => image.productId,
  );

/** A page of each seller's listings (of one status, or all when null), newest first: one statement per page asked. */
export const createListingsBySellerLoader = (prisma: CatalogPrisma) =>
  createPageLoader<ProductStatus | null>((sellerIds, plan, status) =>
    prisma.$queryRawUnsafe<PagedRow[]>(
      ...keysetWindowQuery(
        {
          table: `"${CATALOG_DB_SCHEMA}"."Product"`,
          parent: 'sellerId',
          at: 'createdAt',
          id: 'id',
          where: (param) => (status ? [`t."status"::text = ${param(status)}`] : []),
        },
        sellerIds,
        plan,
      ),
    ),
  );
