import type { DemoData } from '@threadly/demo-data';
import type { CatalogPrisma } from './database.ts';

/**
 * Inserts the demo categories, products, images and favorites; rows that already exist are left as they are, so
 * running it twice changes nothing. Parents are inserted before children because of the category tree's foreign key.
 */
export async function seedCatalog(prisma: CatalogPrisma, data: DemoData): Promise<{ rows: number }> {
  let rows = 0;
  for (const level of byDepth(data.categories)) {
    rows += (await prisma.category.createMany({ data: level, skipDuplicates: true })).count;
  }
  const holds = orderHolds(data);
  const products = data.products.map((product) => ({ ...product, reservedByOrderId: holds.get(product.id) ?? null }));
  rows += (await prisma.product.createMany({ data: products, skipDuplicates: true })).count;
  rows += (await prisma.productImage.createMany({ data: data.productImages, skipDuplicates: true })).count;
  rows += (await prisma.favorite.createMany({ data: data.favorites, skipDuplicates: true })).count;
  return { rows };
}

/**
 * Which demo order holds each product, as checkout and the order events would have left it: an unpaid order its
 * RESERVED products, a paid one not yet shipped its SOLD products (so cancelling it puts them back on sale).
 * Demo reservations have no `reservedUntil`: the demo's unpaid orders never expire.
 */
function orderHolds(data: DemoData): Map<string, string> {
  const holding = new Set(data.orders.filter((order) => order.status === 'PENDING_PAYMENT' || order.status === 'PAID').map((order) => order.id));
  return new Map(data.orderItems.filter((item) => holding.has(item.orderId)).map((item) => [item.productId, item.orderId]));
}

export const catalogHasData = async (prisma: CatalogPrisma) => (await prisma.category.count()) > 0;

/** Groups categories into levels: roots first, then their children, and so on. */
function byDepth<Row extends { id: string; parentId: string | null }>(categories: Row[]): Row[][] {
  const levels: Row[][] = [];
  const placed = new Set<string>();
  let remaining = categories;
  while (remaining.length > 0) {
    const level = remaining.filter((row) => row.parentId === null || placed.has(row.parentId));
    // A parent missing from the data would loop forever; let the foreign key report it instead.
    const next = level.length > 0 ? level : remaining;
    levels.push(next);
    for (const row of next) placed.add(row.id);
    remaining = remaining.filter((row) => !placed.has(row.id));
  }
  return levels;
}
