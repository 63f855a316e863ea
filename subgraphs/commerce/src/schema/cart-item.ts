import { crossSubgraphField } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { CartItem } from '../generated/prisma/client.ts';
import { ProductRef } from './product.ts';

/** A cart item, with its product's status when the gateway resolved the item for `available`. */
export type CartItemView = CartItem & { productStatus?: string | null };

export const CartItemType = builder.objectRef<CartItemView>('CartItem').implement({
  description: 'A product in a cart.',
  fields: (t) => ({
    id: t.exposeID('id'),
    product: t.field({
      type: ProductRef,
      ...crossSubgraphField('The listing; its current price and availability come from the catalog.', 'catalog'),
      resolve: (item) => ({ id: item.productId }),
    }),
    available: t.boolean({
      description:
        'Whether the product can still be bought: false once it is reserved by someone else, sold or withdrawn, and while the catalog cannot confirm it (unavailable).',
      // Status is catalog's: the gateway reads it there and passes it to `_entities` (@requires), so commerce
      // neither stores a copy nor calls catalog. A product the buyer may no longer see arrives as null, and so does
      // one whose catalog fetch failed (the gateway cannot tell commerce which): both read as not buyable, which is
      // the safe answer, so this field stays non-null although its input comes from catalog.
      ...requires('product { status }'),
      resolve: (item) => item.productStatus === 'ACTIVE',
    }),
    addedAt: t.expose('addedAt', { type: 'DateTime', description: 'When the buyer added it.' }),
  }),
});

/**
 * `@requires` on a field of commerce's own entity. Pothos's types offer `requires` only on fields added to an
 * external entity, but its federation plugin emits the directive (and imports it) for any field that sets it.
 */
function requires(fields: 'product { status }'): object {
  return { requires: builder.selection<{ product: { status: string } | null }>(fields) };
}

builder.asEntity(CartItemType, {
  key: builder.selection<{ id: string }>('id'),
  // Only the cart's buyer gets their items back; for anyone else an item id looks unknown.
  resolveReference: async (reference: { id: string; product?: { status?: string | null } | null }, ctx) => {
    const item = await ctx.carts.findItemOf(reference.id, ctx.viewer?.userId ?? null);
    return item && { ...item, productStatus: reference.product?.status ?? null };
  },
});
