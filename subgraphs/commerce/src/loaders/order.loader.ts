import { createByIdLoader, createGroupLoader, createPageLoader, keysetWindowQuery, type PagedRow } from '@threadly/database';
import { COMMERCE_DB_SCHEMA, type CommercePrisma } from '../database.ts';

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

/** A page of the orders each buyer bought, newest first: one statement per page asked, however many buyers. */
export const createOrdersByBuyerLoader = (prisma: CommercePrisma) =>
  createPageLoader<null>((buyerIds, plan) =>
    prisma.$queryRawUnsafe<PagedRow[]>(
      ...keysetWindowQuery({ table: `"${COMMERCE_DB_SCHEMA}"."Order"`, parent: 'buyerId', at: 'createdAt', id: 'id' }, buyerIds, plan),
    ),
  );
