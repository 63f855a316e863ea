import { cacheHint, cacheTiers, restrictCacheHint } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { Product } from '../generated/prisma/client.ts';
import { CategoryRef } from './category.ts';
import { MoneyRef } from './money.ts';
import { ProductImageRef } from './product-image.ts';

export const ProductStatusEnum = builder.enumType('ProductStatus', {
  description: "Where a listing is in its life. Only ACTIVE listings appear in the shop; DRAFT and ARCHIVED are the seller's.",
  values: {
    DRAFT: { description: 'Being written; visible only to the seller.' },
    ACTIVE: { description: 'Published and for sale.' },
    RESERVED: { description: 'Held for a buyer who is checking out.' },
    SOLD: { description: 'Sold; kept for order history.' },
    ARCHIVED: { description: 'Withdrawn by the seller or a moderator; can be published again.' },
  } as const,
});

export const ProductConditionEnum = builder.enumType('ProductCondition', {
  description: 'How worn an item is.',
  values: {
    NEW_WITH_TAGS: { description: 'Never worn, original tags attached.' },
    NEW_WITHOUT_TAGS: { description: 'Never worn, tags removed.' },
    VERY_GOOD: { description: 'Worn a few times, no visible flaws.' },
    GOOD: { description: 'Worn, with light signs of use.' },
    FAIR: { description: 'Clearly worn; flaws are described.' },
  } as const,
});

export const ProductRef = builder.objectRef<Product>('Product').implement({
  description: 'A second-hand item listed for sale.',
  directives: cacheHint(cacheTiers.entity),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier (UUID).' }),
    title: t.exposeString('title', { description: 'Short headline, 3–120 characters.' }),
    description: t.exposeString('description', { description: "The seller's description, up to 5000 characters." }),
    price: t.field({
      type: MoneyRef,
      description: 'The asking price.',
      resolve: (product) => ({ amount: product.priceAmount, currency: product.currency }),
    }),
    condition: t.expose('condition', { type: ProductConditionEnum, description: 'How worn the item is.' }),
    size: t.exposeString('size', { nullable: true, description: 'As the seller wrote it, e.g. M or 38.' }),
    brand: t.exposeString('brand', { nullable: true, description: 'Maker, as the seller wrote it.' }),
    color: t.exposeString('color', { nullable: true, description: 'Main colour, as the seller wrote it.' }),
    status: t.expose('status', { type: ProductStatusEnum, description: 'Where the listing is in its life.' }),
    images: t.field({
      type: [ProductImageRef],
      description: 'Photos in display order; the first is the cover.',
      resolve: (product, _args, ctx) => ctx.loaders.productImages.load(product.id),
    }),
    category: t.field({
      type: CategoryRef,
      description: 'The category the item is listed in.',
      resolve: async (product, _args, ctx) => {
        const category = await ctx.categories.findById(product.categoryId);
        // The foreign key guarantees a category; a miss means the database is inconsistent, not a client error.
        if (!category) throw new Error(`Product ${product.id} has no category ${product.categoryId}`);
        return category;
      },
    }),
    favoritesCount: t.int({
      description: 'How many users favorited the item.',
      resolve: (product, _args, ctx) => ctx.loaders.favoriteCount.load(product.id),
    }),
    isFavorited: t.boolean({
      description: "Whether the viewer favorited the item; false when anonymous.",
      directives: cacheHint(cacheTiers.viewer),
      resolve: (product, _args, ctx) => ctx.loaders.favoritedByViewer.load(product.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the listing was created; the shop is ordered by it.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the listing last changed.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the listing was last published; null for a draft never published.',
    }),
  }),
});

builder.asEntity(ProductRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async ({ id }, ctx, info) => {
    const product = await ctx.products.findReference(id);
    if (product && !ctx.products.isPublic(product)) restrictCacheHint(info, cacheTiers.viewer);
    return product;
  },
});

builder.queryFields((t) => ({
  product: t.field({
    type: ProductRef,
    description: "A product by id; NOT_FOUND when there is none, or when it is a draft or archived and not the viewer's.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx, info) => {
      const product = await ctx.products.getVisible(String(id));
      // Only its seller and admins see a draft or archived listing: a cached copy must never reach anyone else.
      if (!ctx.products.isPublic(product)) restrictCacheHint(info, cacheTiers.viewer);
      return product;
    },
  }),
}));
