import { z } from 'zod';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { assertPageSize, encodeCursor } from '@threadly/database';
import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { Product } from '../generated/prisma/client.ts';
import { MAX_PRICE } from './money.ts';
import { ProductConditionEnum, ProductRef } from './product.ts';
import { uuid } from './uuid.ts';

/** One connection type for every product list (shop, a seller's listings, a user's favorites). */
export const ProductConnection = builder.connectionObject(
  {
    type: ProductRef,
    name: 'ProductConnection',
    description: 'A page of products.',
    directives: cacheHint(cacheTiers.inherit),
    edgesNullable: false,
    nodeNullable: false,
    edgesField: { description: 'The products of this page, each with its cursor.' },
  },
  { name: 'ProductEdge', description: 'A product and its position in the list.', directives: cacheHint(cacheTiers.inherit), nodeField: { description: 'The product.' } },
);

/** Cursor of a product in a list ordered by creation time. */
export const productCursor = (product: Product) => encodeCursor({ at: product.createdAt, id: product.id });

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).nullish();
const price = z.number().int().min(0, 'must not be negative').max(MAX_PRICE, `must be at most ${MAX_PRICE}`).nullish();

const ProductFilterInput = builder.inputType('ProductFilter', {
  description: 'Narrows the shop. All given criteria must match.',
  validate: z
    // Loose: a plain object schema would strip the fields it does not name.
    .looseObject({ minPrice: z.number().nullish(), maxPrice: z.number().nullish(), categoryId: z.unknown(), categorySlug: z.unknown() })
    .refine((filter) => filter.minPrice == null || filter.maxPrice == null || filter.minPrice <= filter.maxPrice, {
      message: 'must not be less than minPrice',
      path: ['maxPrice'],
    })
    .refine((filter) => filter.categoryId == null || filter.categorySlug == null, {
      message: 'give categoryId or categorySlug, not both',
      path: ['categorySlug'],
    }),
  fields: (t) => ({
    categoryId: t.id({ description: 'Only this category and its sub-categories.', validate: uuid.nullish() }),
    categorySlug: t.string({ description: 'Like categoryId, by slug.', validate: text(100) }),
    sellerId: t.id({ description: "Only this seller's listings.", validate: uuid.nullish() }),
    conditions: t.field({ type: [ProductConditionEnum], description: 'Any of these conditions.' }),
    size: t.string({ description: 'Exact size, ignoring case.', validate: text(60) }),
    brand: t.string({ description: 'Exact brand, ignoring case.', validate: text(60) }),
    minPrice: t.int({ description: 'Lowest price in minor units, inclusive.', validate: price }),
    maxPrice: t.int({ description: 'Highest price in minor units, inclusive; not below minPrice.', validate: price }),
  }),
});

builder.queryFields((t) => ({
  products: t.connection(
    {
      type: ProductRef,
      description: 'The shop: ACTIVE products, newest first. Pages hold at most 100 products (20 by default).',
      directives: cacheHint(cacheTiers.list),
      args: { filter: t.arg({ type: ProductFilterInput }) },
      resolve: (_root, args, ctx) => {
        assertPageSize(args);
        return resolveCursorConnection<Promise<Product[]>>({ args, toCursor: productCursor }, (page) =>
          ctx.products.listActive(
            { ...args.filter, categoryId: args.filter?.categoryId?.toString(), sellerId: args.filter?.sellerId?.toString() },
            page,
          ),
        );
      },
    },
    ProductConnection,
  ),
}));
