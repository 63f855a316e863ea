import DataLoader from 'dataloader';
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

/**
 * ACTIVE products in each category and all its sub-categories. Two statements per request however deep the
 * tree is walked: the tree's (id, parentId) pairs and one `GROUP BY categoryId`, summed up the tree in memory once.
 */
export function createCategoryProductCountLoader(prisma: CatalogPrisma) {
  let totals: Promise<Map<string, number>> | undefined;
  return new DataLoader<string, number>(async (categoryIds) => {
    totals ??= countByCategory(prisma);
    const counts = await totals;
    return categoryIds.map((id) => counts.get(id) ?? 0);
  });
}

async function countByCategory(prisma: CatalogPrisma): Promise<Map<string, number>> {
  const [tree, groups] = await Promise.all([
    prisma.category.findMany({ select: { id: true, parentId: true } }),
    prisma.product.groupBy({ by: ['categoryId'], where: { status: 'ACTIVE' }, _count: { _all: true } }),
  ]);
  const parentOf = new Map(tree.map((category) => [category.id, category.parentId]));
  const totals = new Map<string, number>();
  for (const group of groups) {
    // Credit the product's category and every ancestor; the guard stops a corrupt cycle.
    const seen = new Set<string>();
    for (let id: string | null | undefined = group.categoryId; id && !seen.has(id); id = parentOf.get(id)) {
      seen.add(id);
      totals.set(id, (totals.get(id) ?? 0) + group._count._all);
    }
  }
  return totals;
}
