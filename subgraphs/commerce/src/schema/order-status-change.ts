import { crossSubgraphField } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { OrderStatusChange } from '../generated/prisma/client.ts';
import { OrderStatusEnum } from './order-status.ts';
import { UserRef } from './user-ref.ts';

export const OrderStatusChangeType = builder.objectRef<OrderStatusChange>('OrderStatusChange').implement({
  description: "One step of an order's history.",
  fields: (t) => ({
    status: t.expose('status', { type: OrderStatusEnum, description: 'The status the order moved to.' }),
    note: t.exposeString('note', { nullable: true, description: 'Why, when someone said so (e.g. a tracking number).' }),
    at: t.expose('createdAt', { type: 'DateTime', description: 'When the order moved to this status.' }),
    actor: t.field({
      type: UserRef,
      ...crossSubgraphField('Who made the change (null when the system did: payment confirmations, expiry).', 'identity'),
      resolve: (change) => (change.actorId ? { id: change.actorId } : null),
    }),
  }),
});
