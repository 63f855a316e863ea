import { builder } from '../builder.ts';
import { ProductRef } from './product.ts';

builder.mutationFields((t) => ({
  favoriteProduct: t.field({
    type: ProductRef,
    description: "Adds an ACTIVE product to the signed-in user's favorites; doing it twice changes nothing.",
    args: { productId: t.arg.id({ required: true }) },
    resolve: (_root, { productId }, ctx) => ctx.favorites.favorite(String(productId)),
  }),
  unfavoriteProduct: t.field({
    type: ProductRef,
    description: "Removes a product from the signed-in user's favorites; removing one that is not there changes nothing.",
    args: { productId: t.arg.id({ required: true }) },
    resolve: (_root, { productId }, ctx) => ctx.favorites.unfavorite(String(productId)),
  }),
}));
