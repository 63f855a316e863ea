import type { EventConsumerDefinition, EventHandler } from '@threadly/events';
import { moveHeldProducts, type CatalogTx } from '../services/reservation.service.ts';

/**
 * Catalog's reactions to commerce's order lifecycle. Each runs inside the consumer's idempotent transaction (the
 * processed-event row is written with the change), and each only moves products still held by the order the
 * event is about, so a redelivered, late or foreign event changes nothing.
 */

/** Paid: the reserved products are sold to that order (it keeps holding them until they ship). */
const sellOnPayment: EventHandler<'order.paid', CatalogTx> = async ({ payload }, tx) => {
  await moveHeldProducts(tx, { orderIds: [payload.orderId], productIds: payload.productIds, from: ['RESERVED'], to: 'SOLD', hold: 'keep' });
};

/** Shipped: the item has left the seller, so the order's hold ends; a later refund does not put it back on sale. */
const endHoldOnShipping: EventHandler<'order.shipped', CatalogTx> = async ({ payload }, tx) => {
  await moveHeldProducts(tx, { orderIds: [payload.orderId], productIds: payload.productIds, from: ['SOLD'], to: 'SOLD', hold: 'clear' });
};

/**
 * Cancelled (unpaid, expired, or paid and cancelled before shipping) or refunded before shipping: the products the
 * order still holds go back on sale. After shipping the order holds nothing, so a refund then changes nothing.
 */
const releaseHeldProducts = async ({ payload }: { payload: { orderId: string; productIds: string[] } }, tx: CatalogTx) => {
  await moveHeldProducts(tx, { orderIds: [payload.orderId], productIds: payload.productIds, from: ['RESERVED', 'SOLD'], to: 'ACTIVE', hold: 'clear' });
};

export const orderEventHandlers = {
  'order.paid': sellOnPayment,
  'order.shipped': endHoldOnShipping,
  'order.cancelled': releaseHeldProducts,
  'order.refunded': releaseHeldProducts,
} satisfies EventConsumerDefinition<CatalogTx>['handlers'];
