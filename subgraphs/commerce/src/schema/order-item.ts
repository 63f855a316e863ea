import { crossSubgraphField } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { OrderItem } from '../generated/prisma/client.ts';
import { MoneyType } from './money.ts';
import { ProductRef } from './product.ts';

export const OrderItemType = builder.objectRef<OrderItem>('OrderItem').implement({
  description: 'One product bought in an order, with its title and price as they were when the order was placed.',
  fields: (t) => ({
    id: t.exposeID('id'),
    product: t.field({
      type: ProductRef,
      ...crossSubgraphField('The listing as it is now (it may have changed or been removed since).', 'catalog'),
      resolve: (item) => ({ id: item.productId }),
    }),
    title: t.exposeString('title', { description: 'The listing title at the time of purchase.' }),
    price: t.field({
      type: MoneyType,
      description: 'The price paid for this item.',
      resolve: (item) => ({ amount: item.priceAmount, currency: item.currency }),
    }),
  }),
});
