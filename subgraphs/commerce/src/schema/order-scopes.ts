import { isUuid } from '@threadly/database';
import { scopedViewer } from '@threadly/subgraph-runtime';
import { z } from 'zod';
import type { CommerceContext } from '../context.ts';

/** An `orderId` argument: a uuid (BAD_USER_INPUT otherwise). */
export const orderId = z.string().trim().refine(isUuid, 'must be an order id (uuid)');

/**
 * The order `id` as its viewer may see it. Loading it is data filtering rather than authorization: someone
 * else's order is NOT_FOUND, as if it did not exist; a party who may see it but not do this gets FORBIDDEN.
 */
const visibleOrder = async (id: string | number, ctx: CommerceContext) => ctx.orders.getVisible(String(id), scopedViewer(ctx));

// Scopes of the order `args.orderId`; anonymous callers are refused before anything is loaded.
type OrderArgs = { orderId: string | number };
export const orderSeller = async (_root: unknown, args: OrderArgs, ctx: CommerceContext) =>
  ctx.viewer !== null && { self: (await visibleOrder(args.orderId, ctx)).sellerId };
export const orderBuyer = async (_root: unknown, args: OrderArgs, ctx: CommerceContext) =>
  ctx.viewer !== null && { self: (await visibleOrder(args.orderId, ctx)).buyerId };
/** Either party of the order: admins, who may see it, are not one of them (FORBIDDEN). */
export const orderParty = async (_root: unknown, args: OrderArgs, ctx: CommerceContext) => {
  if (ctx.viewer === null) return false;
  const order = await visibleOrder(args.orderId, ctx);
  return { self: [order.buyerId, order.sellerId] };
};
