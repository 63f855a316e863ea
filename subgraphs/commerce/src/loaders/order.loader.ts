import { createByIdLoader, createGroupLoader } from '@threadly/database';
import type { CommercePrisma } from '../database.ts';

export const createOrderByIdLoader = (prisma: CommercePrisma) =>
  createByIdLoader((ids) => prisma.order.findMany({ where: { id: { in: ids } } }));

/** An order's lines in a stable order (they have no timestamp of their own: all were created with the order). */
export const createOrderItemsByOrderIdLoader = (prisma: CommercePrisma) =>
  createGroupLoader(
    (orderIds) => prisma.orderItem.findMany({ where: { orderId: { in: orderIds } }, orderBy: [{ orderId: 'asc' }, { id: 'asc' }] }),
    (item) => item.orderId,
  );

/** An order's status history, oldest first, so the last entry is the current status. */
export const createOrderTimelineByOrderIdLoader = (prisma: CommercePrisma) =>
  createGroupLoader(
    (orderIds) =>
      prisma.orderStatusChange.findMany({
        where: { orderId: { in: orderIds } },
        orderBy: [{ orderId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      }),
    (change) => change.orderId,
  );
