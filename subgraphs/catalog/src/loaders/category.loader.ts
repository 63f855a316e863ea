import { createByIdLoader, createGroupLoader } from '@threadly/database';
import type { CatalogPrisma } from '../database.ts';

export const createCategoryByIdLoader = (prisma: CatalogPrisma) =>
  createByIdLoader((ids) => prisma.category.findMany({ where: { id: { in: ids } } }));

/** A category's direct children, in display order. */
export const createCategoryChildrenLoader = (prisma: CatalogPrisma) =>
  createGroupLoader(
    (parentIds) => prisma.category.findMany({ where: { parentId: { in: parentIds } }, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    (category) => category.parentId ?? '',
  );
