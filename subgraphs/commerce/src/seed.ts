import type { DemoData } from '@threadly/demo-data';
import { COMMERCE_DB_SCHEMA, type CommercePrisma } from './database.ts';

/** Inserts the demo carts and orders; rows that already exist are left as they are, so running it twice changes nothing. */
export async function seedCommerce(prisma: CommercePrisma, data: DemoData): Promise<{ rows: number }> {
  // When each demo order was paid, from its timeline (refundable orders are those that were paid).
  const paidAt = new Map(data.orderStatusChanges.filter((change) => change.status === 'PAID').map((change) => [change.orderId, change.createdAt]));
  const paidAtOf = (orderId: string) => paidAt.get(orderId) ?? null;
  const counts = [
    await prisma.cart.createMany({ data: data.carts, skipDuplicates: true }),
    await prisma.cartItem.createMany({ data: data.cartItems, skipDuplicates: true }),
    await prisma.order.createMany({ data: data.orders.map((order) => ({ ...order, paidAt: paidAtOf(order.id) })), skipDuplicates: true }),
    await prisma.orderItem.createMany({ data: data.orderItems, skipDuplicates: true }),
    await prisma.orderStatusChange.createMany({ data: data.orderStatusChanges, skipDuplicates: true }),
  ];
  if (data.orders.length > 0) {
    // The demo orders carry explicit numbers, which the serial does not see: move it past them so the next
    // order placed gets a free number.
    await prisma.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('${COMMERCE_DB_SCHEMA}."Order"', 'number'), (SELECT MAX("number") FROM "${COMMERCE_DB_SCHEMA}"."Order"))`,
    );
  }
  return { rows: counts.reduce((sum, { count }) => sum + count, 0) };
}

export const commerceHasData = async (prisma: CommercePrisma) => (await prisma.order.count()) + (await prisma.cart.count()) > 0;
