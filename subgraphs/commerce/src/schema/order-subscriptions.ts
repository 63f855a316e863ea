import { cacheHint, cacheTiers, scopedViewer } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import { subscriptionTopics } from '../events/subscription-topics.ts';
import { OrderType } from './order.ts';
import { orderId, orderParty } from './order-scopes.ts';

builder.subscriptionFields((t) => ({
  orderUpdated: t.field({
    type: OrderType,
    description:
      'The order each time its status changes from now on (paid, shipped, delivered, cancelled, refunded). Only its buyer and its seller may subscribe: NOT_FOUND for an order the viewer cannot see, FORBIDDEN for an admin.',
    args: { orderId: t.arg.id({ required: true, description: 'The order to follow.', validate: orderId }) },
    directives: cacheHint(cacheTiers.uncached),
    authScopes: orderParty,
    subscribe: (_root, args, ctx) => ctx.pubsub.subscribe(subscriptionTopics.orderUpdated(String(args.orderId))),
    resolve: (order) => order,
  }),
  myOrderUpdates: t.field({
    type: OrderType,
    description: 'Every order the signed-in user bought or sold, each time one is placed or changes status, from now on.',
    directives: cacheHint(cacheTiers.uncached),
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe(subscriptionTopics.orderUpdatedForUser(scopedViewer(ctx).userId)),
    resolve: (order) => order,
  }),
}));
