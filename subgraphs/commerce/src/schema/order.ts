import { cacheHint, cacheTiers, crossSubgraphField } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { Order } from '../generated/prisma/client.ts';
import { formatOrderNumber } from '../services/order-number.ts';
import { MoneyType } from './money.ts';
import { OrderItemType } from './order-item.ts';
import { OrderStatusEnum } from './order-status.ts';
import { OrderStatusChangeType } from './order-status-change.ts';
import { orderConnection } from './pagination.ts';
import { ShippingAddressType } from './shipping-address.ts';
import { UserRef } from './user-ref.ts';


const money = (amount: number, order: Order) => ({ amount, currency: order.currency });

export const OrderType = builder.objectRef<Order>('Order').implement({
  description: 'A purchase of one or more items from one seller. Only its buyer, its seller and admins can see it.',
  directives: cacheHint(cacheTiers.uncached),
  // Every way to an order already filters by the same rule (NOT_FOUND or null for others); this holds the line
  // should a new field ever hand out orders without filtering.
  authScopes: (order) => ({ self: [order.buyerId, order.sellerId], admin: true }),
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.string({ description: 'Human-facing order number, e.g. TH-000042.', resolve: (order) => formatOrderNumber(order.number) }),
    buyer: t.field({ type: UserRef, ...crossSubgraphField('Who bought.', 'identity'), resolve: (order) => ({ id: order.buyerId }) }),
    seller: t.field({ type: UserRef, ...crossSubgraphField('Who sold.', 'identity'), resolve: (order) => ({ id: order.sellerId }) }),
    items: t.field({
      type: [OrderItemType],
      description: 'What was bought.',
      resolve: (order, _args, ctx) => ctx.orders.items(order.id),
    }),
    subtotal: t.field({ type: MoneyType, description: 'Sum of the item prices.', resolve: (order) => money(order.subtotalAmount, order) }),
    shipping: t.field({ type: MoneyType, description: 'Shipping cost.', resolve: (order) => money(order.shippingAmount, order) }),
    total: t.field({ type: MoneyType, description: 'What the buyer pays: subtotal plus shipping.', resolve: (order) => money(order.totalAmount, order) }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code every amount of the order is in.' }),
    status: t.expose('status', { type: OrderStatusEnum, description: 'The current status.' }),
    timeline: t.field({
      type: [OrderStatusChangeType],
      description: 'Every status the order has been in, oldest first.',
      resolve: (order, _args, ctx) => ctx.orders.timeline(order.id),
    }),
    shippingAddress: t.field({
      type: ShippingAddressType,
      description: 'Where the order is shipped.',
      resolve: (order) => ({
        name: order.shippingName,
        line1: order.shippingLine1,
        line2: order.shippingLine2,
        city: order.shippingCity,
        postalCode: order.shippingPostalCode,
        country: order.shippingCountry,
      }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the order was placed.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the order last changed.' }),
  }),
});

builder.asEntity(OrderType, {
  key: builder.selection<{ id: string }>('id'),
  // Null for orders the viewer may not see, exactly as for unknown ids.
  resolveReference: ({ id }, ctx) => ctx.orders.findVisible(id, ctx.viewer),
});

const OrderRoleEnum = builder.enumType('OrderRole', {
  description: 'Which side of an order the viewer is on.',
  values: {
    BUYER: { description: 'Orders the viewer bought.' },
    SELLER: { description: "Orders of the viewer's items that others bought." },
  } as const,
});

builder.queryFields((t) => ({
  order: t.authField({
    type: OrderType,
    description: 'An order of the signed-in user (as buyer or seller); NOT_FOUND for anyone else and for unknown ids.',
    args: { id: t.arg.id({ required: true }) },
    authScopes: { signedIn: true },
    resolve: (_root, { id }, ctx) => ctx.orders.getVisible(String(id), ctx.viewer),
  }),
  myOrders: t.withAuth({ signedIn: true }).connection(
    {
      type: OrderType,
      description: 'The signed-in user\'s orders as buyer or as seller, newest first.',
      args: {
        role: t.arg({ type: OrderRoleEnum, defaultValue: 'BUYER', description: 'Bought (BUYER, the default) or sold (SELLER).' }),
        status: t.arg({ type: OrderStatusEnum, description: 'Only orders currently in this status.' }),
      },
      resolve: (_root, args, ctx) =>
        orderConnection(args, (page) => ctx.orders.listForParty(ctx.viewer.userId, args.role ?? 'BUYER', args.status, page)),
    },
    { name: 'OrderConnection', description: 'A page of orders.' },
    { name: 'OrderEdge', description: 'An order in a page of orders.' },
  ),
}));
