import { appendToOutbox } from '@threadly/events';
import type { Order, OrderStatusChange, Prisma } from '../generated/prisma/client.ts';
import { defaultNote, orderChangedEvent, type OrderChange } from './order-events.ts';
import { formatOrderNumber } from './order-number.ts';
import { assertTransition } from './order-state-machine.ts';

/** A commerce transaction: every order change and its event are written in one. */
export type CommerceTx = Prisma.TransactionClient;

export interface ChangeContext {
  /** identity's User id of who asked; null for the system (payments, expiry, checkout compensation). */
  actorId: string | null;
  /** Replaces the default timeline note. */
  note?: string;
}

/**
 * Locks the orders `where` selects (in id order, so concurrent writers queue without deadlocks) and returns them
 * as they are now: whatever the caller decides from them holds until its transaction ends.
 */
export async function lockOrders(tx: CommerceTx, where: Prisma.OrderWhereInput): Promise<Order[]> {
  const ids = (await tx.order.findMany({ where, select: { id: true } })).map((order) => order.id);
  if (ids.length === 0) return [];
  await tx.$queryRaw`SELECT id FROM "commerce"."Order" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  return tx.order.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
}

/**
 * Moves a locked order as the state machine allows (BAD_USER_INPUT naming both statuses otherwise), appends the
 * step to its timeline with the actor, and writes the matching order event to the outbox, all in `tx`.
 */
export async function transitionOrder(tx: CommerceTx, order: Order, change: OrderChange, context: ChangeContext): Promise<Order> {
  assertTransition(formatOrderNumber(order.number), { status: order.status, paid: order.paidAt !== null }, change.to);
  const updated = await tx.order.update({
    where: { id: order.id },
    data: { status: change.to, ...(change.to === 'PAID' ? { paidAt: new Date(), paymentIntentId: change.paymentIntentId } : {}) },
  });
  await appendTimeline(tx, updated, change.to, context.note ?? defaultNote(order, change), context.actorId);
  const items = await tx.orderItem.findMany({ where: { orderId: order.id }, orderBy: { id: 'asc' } });
  await appendToOutbox(tx, [orderChangedEvent(updated, items, change)]);
  return updated;
}

/** A timeline entry; also used for notes that change no status (a late payment refunded, a refund requested). */
export const appendTimeline = (tx: CommerceTx, order: Order, status: OrderStatusChange['status'], note: string | null, actorId: string | null) =>
  tx.orderStatusChange.create({ data: { orderId: order.id, status, note, actorId } });
