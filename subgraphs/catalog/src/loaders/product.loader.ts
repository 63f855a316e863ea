import { createByIdLoader, createGroupLoader } from '@threadly/database';
import type { CatalogPrisma } from '../database.ts';

export const createProductByIdLoader = (prisma: CatalogPrisma) =>
  createByIdLoader((ids) => prisma.product.findMany({ where: { id: { in: ids } } }));

/** A product's images, in display order. */
export const createProductImagesLoader = (prisma: CatalogPrisma) =>
  createGroupLoader(
    (productIds) => prisma.productImage.findMany({ where: { productId: { in: productIds } }, orderBy: { position: 'asc' } }),
    (image) => image.productId,
  );
