import { isUuid } from '@threadly/database';
import { scopedViewer } from '@threadly/subgraph-runtime';
import { userText } from '@threadly/user-text';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { CommerceContext } from '../context.ts';
import { OrderType } from './order.ts';

const orderId = z.string().trim().refine(isUuid, 'must be an order id (uuid)');

/**
 * The order `id` as its viewer may see it. Loading it is data filtering rather than authorization: someone
 * else's order is NOT_FOUND, as if it did not exist; a party who may see it but not do this gets FORBIDDEN.
 */
const visibleOrder = async (id: string | number, ctx: CommerceContext) => ctx.orders.getVisible(String(id), scopedViewer(ctx));

// Scopes of the order `args.orderId`; anonymous callers are refused before anything is loaded.
type OrderArgs = { orderId: string | number };
const orderSeller = async (_root: unknown, args: OrderArgs, ctx: CommerceContext) =>
  ctx.viewer !== null && { self: (await visibleOrder(args.orderId, ctx)).sellerId };
const orderBuyer = async (_root: unknown, args: OrderArgs, ctx: CommerceContext) =>
  ctx.viewer !== null && { self: (await visibleOrder(args.orderId, ctx)).buyerId };

builder.mutationFields((t) => ({
  shipOrder: t.field({
    type: OrderType,
    description: 'The seller hands a PAID order to the carrier (SHIPPED); the buyer sees the carrier and tracking number in the timeline.',
    args: {
      orderId: t.arg.id({ required: true, validate: orderId }),
      carrier: t.arg.string({ required: true, description: 'e.g. DHL; up to 60 characters.', validate: userText({ min: 2, max: 60 }) }),
      trackingNumber: t.arg.string({ required: true, description: 'Up to 60 characters.', validate: userText({ min: 3, max: 60 }) }),
    },
    authScopes: orderSeller,
    resolve: (_root, args, ctx) =>
      ctx.orderActions.ship(scopedViewer(ctx).userId, String(args.orderId), { carrier: args.carrier, trackingNumber: args.trackingNumber }),
  }),
  markOrderDelivered: t.field({
    type: OrderType,
    description: 'The seller confirms a SHIPPED order arrived (DELIVERED).',
    args: { orderId: t.arg.id({ required: true, validate: orderId }) },
    authScopes: orderSeller,
    resolve: (_root, args, ctx) => ctx.orderActions.markDelivered(scopedViewer(ctx).userId, String(args.orderId)),
  }),
  cancelOrder: t.field({
    type: OrderType,
    description:
      'The buyer cancels an order before it ships (CANCELLED). An unpaid order cancels its payment, and with it the other ' +
      "unpaid orders of the same checkout; a paid one is refunded through Stripe and becomes REFUNDED once Stripe confirms.",
    args: { orderId: t.arg.id({ required: true, validate: orderId }) },
    authScopes: orderBuyer,
    resolve: (_root, args, ctx) => ctx.orderActions.cancel(scopedViewer(ctx).userId, String(args.orderId)),
  }),
}));
