import { crossSubgraphField } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import { OrderType } from './order.ts';
import { orderConnection } from './pagination.ts';
import { UserRef } from './user-ref.ts';

builder.objectFields(UserRef, (t) => ({
  orders: t.connection(
    {
      type: OrderType,
      ...crossSubgraphField('Orders this user bought, newest first. Only the user themself and admins may look (FORBIDDEN otherwise).', 'commerce'),
      authScopes: (user) => ({ self: user.id, admin: true }),
      resolve: (user, args, ctx) => orderConnection(args, (page) => ctx.orders.listBoughtBy(user.id, page)),
    },
    { name: 'UserOrdersConnection', description: 'A page of the orders a user bought.' },
    { name: 'UserOrdersEdge', description: 'An order in a page of the orders a user bought.' },
  ),
}));
