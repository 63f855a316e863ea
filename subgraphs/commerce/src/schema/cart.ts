import { z } from 'zod';
import { isUuid } from '@threadly/database';
import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { CartView } from '../services/cart.service.ts';
import { CartItemType } from './cart-item.ts';

export const CartType = builder.objectRef<CartView>('Cart').implement({
  directives: cacheHint(cacheTiers.uncached),
  description:
    "The signed-in buyer's cart. Every buyer has exactly one; its id is stable from the first read, even before anything was added.",
  // Only ever handed out to its buyer (the fields below take the viewer's own id); this keeps it that way.
  authScopes: (cart) => ({ self: cart.buyerId }),
  fields: (t) => ({
    id: t.exposeID('id'),
    items: t.field({
      type: [CartItemType],
      description: 'The products in the cart, most recently added first.',
      resolve: (cart, _args, ctx) => ctx.carts.items(cart),
    }),
    itemCount: t.int({
      description: 'How many products are in the cart (at most 50).',
      resolve: async (cart, _args, ctx) => (await ctx.carts.items(cart)).length,
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the cart last changed; null while nothing was ever added.',
    }),
  }),
});

const productId = z.string().trim().refine(isUuid, 'must be a product id (uuid)');

builder.queryFields((t) => ({
  myCart: t.authField({
    type: CartType,
    description: "The signed-in buyer's cart; an empty one when they have not added anything yet (reading creates nothing).",
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => ctx.carts.get(ctx.viewer.userId),
  }),
}));

builder.mutationFields((t) => ({
  addToCart: t.authField({
    type: CartType,
    description: 'Puts a product in the cart. Adding a product that is already there changes nothing. A cart holds at most 50 products.',
    args: { productId: t.arg.id({ required: true, validate: productId }) },
    authScopes: { signedIn: true },
    resolve: (_root, args, ctx) => ctx.carts.add(ctx.viewer.userId, String(args.productId)),
  }),
  removeFromCart: t.authField({
    type: CartType,
    description: 'Takes a product out of the cart; removing one that is not there changes nothing.',
    args: { productId: t.arg.id({ required: true, validate: productId }) },
    authScopes: { signedIn: true },
    resolve: (_root, args, ctx) => ctx.carts.remove(ctx.viewer.userId, String(args.productId)),
  }),
  clearCart: t.authField({
    type: CartType,
    description: 'Empties the cart.',
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => ctx.carts.clear(ctx.viewer.userId),
  }),
}));
