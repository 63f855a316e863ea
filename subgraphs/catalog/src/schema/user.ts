import { resolveCursorConnection } from '@pothos/plugin-relay';
import { assertPageSize, encodeCursor } from '@threadly/database';
import { cacheHint, cacheTiers, crossSubgraphField } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { Product } from '../generated/prisma/client.ts';
import type { FavoritedProduct } from '../services/favorite.service.ts';
import { ProductConnection, productCursor } from './product-connection.ts';
import { ProductRef, ProductStatusEnum } from './product.ts';

/** identity owns `User`; catalog knows only its id, and adds what the user sells and likes. */
export const UserRef = builder.externalRef('User', builder.selection<{ id: string }>('id')).implement({
  // Same wording as identity's, so composition has no conflicting descriptions to choose between.
  description: 'A Threadly member: a buyer, a seller, or both.',
  directives: cacheHint(cacheTiers.entity),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier (UUID), as in identity.' }),
    listings: t.connection(
      {
        type: ProductRef,
        ...crossSubgraphField(
          "The user's listings, newest first. Others see the ACTIVE ones; the user themself and admins see every status, or only `status`.",
          'catalog',
        ),
        // Who asks decides what is listed (drafts for the seller), so the list is per viewer.
        directives: cacheHint(cacheTiers.viewerList),
        args: { status: t.arg({ type: ProductStatusEnum, description: 'Only listings in this status.' }) },
        resolve: (user, args, ctx) => {
          assertPageSize(args);
          return resolveCursorConnection<Promise<Product[]>>({ args, toCursor: productCursor }, (page) => ctx.products.listBySeller(user.id, args.status, page));
        },
      },
      ProductConnection,
    ),
    favorites: t.connection(
      {
        type: ProductRef,
        // Nullable also so that refusing someone else's favorites does not wipe out the rest of the user.
        ...crossSubgraphField(
          'Products the user favorited, most recently favorited first. Private: FORBIDDEN unless the viewer is the user or an admin.',
          'catalog',
        ),
        authScopes: (user) => ({ self: user.id, admin: true }),
        directives: cacheHint(cacheTiers.viewerList),
        resolve: (user, args, ctx) => {
          assertPageSize(args);
          return resolveCursorConnection<Promise<FavoritedProduct[]>>(
            { args, toCursor: (product: FavoritedProduct) => encodeCursor({ at: product.favoritedAt, id: product.id }) },
            (page) => ctx.favorites.listForUser(user.id, page),
          );
        },
      },
      ProductConnection,
    ),
  }),
});

builder.objectField(ProductRef, 'seller', (t) =>
  t.field({
    type: UserRef,
    ...crossSubgraphField('Who sells the item.', 'identity'),
    resolve: (product) => ({ id: product.sellerId }),
  }),
);
