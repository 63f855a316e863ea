import { scopedViewer } from '@threadly/subgraph-runtime';
import { userText } from '@threadly/user-text';
import { builder } from '../builder.ts';
import { OrderType } from './order.ts';
import { orderBuyer, orderId, orderSeller } from './order-scopes.ts';

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
