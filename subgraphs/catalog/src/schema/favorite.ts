import { builder } from '../builder.ts';
import { ProductRef } from './product.ts';

builder.mutationFields((t) => ({
  favoriteProduct: t.authField({
    type: ProductRef,
    description: "Adds an ACTIVE product to the signed-in user's favorites; doing it twice changes nothing.",
    args: { productId: t.arg.id({ required: true }) },
    authScopes: { signedIn: true },
    resolve: (_root, { productId }, ctx) => ctx.favorites.favorite(ctx.viewer.userId, String(productId)),
  }),
  unfavoriteProduct: t.authField({
    type: ProductRef,
    description: "Removes a product from the signed-in user's favorites; removing one that is not there changes nothing.",
    args: { productId: t.arg.id({ required: true }) },
    authScopes: { signedIn: true },
    resolve: (_root, { productId }, ctx) => ctx.favorites.unfavorite(ctx.viewer.userId, String(productId)),
  }),
}));
