import { builder } from '../builder.ts';
import type { CartItem } from '../generated/prisma/client.ts';
import { ProductRef } from './product.ts';

export const CartItemType = builder.objectRef<CartItem>('CartItem').implement({
  description: 'A product in a cart.',
  fields: (t) => ({
    id: t.exposeID('id'),
    product: t.field({
      type: ProductRef,
      // Availability and price are catalog's; commerce learns of sold listings once the event backbone exists.
      description: 'The listing; its current price and availability come from the catalog.',
      resolve: (item) => ({ id: item.productId }),
    }),
    addedAt: t.expose('addedAt', { type: 'DateTime', description: 'When the buyer added it.' }),
  }),
});
