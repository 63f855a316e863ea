import { z } from 'zod';
import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { Category } from '../generated/prisma/client.ts';

export const CategoryRef = builder.objectRef<Category>('Category');

CategoryRef.implement({
  description: 'A node of the category tree, e.g. Women › Dresses.',
  directives: cacheHint(cacheTiers.category),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier (UUID).' }),
    slug: t.exposeString('slug', { description: 'Stable URL name, e.g. `women-dresses`.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    description: t.exposeString('description', { nullable: true, description: 'A sentence about what belongs here.' }),
    position: t.exposeInt('position', { description: 'Display order among its siblings.' }),
    parent: t.field({
      type: CategoryRef,
      nullable: true,
      description: 'The enclosing category; null for a top-level one.',
      resolve: (category, _args, ctx) => (category.parentId ? ctx.categories.findById(category.parentId) : null),
    }),
    children: t.field({
      type: [CategoryRef],
      description: 'Direct sub-categories, in display order.',
      resolve: (category, _args, ctx) => ctx.categories.children(category.id),
    }),
    productCount: t.int({
      description: 'How many ACTIVE products are listed in this category and its sub-categories.',
      directives: cacheHint(cacheTiers.list),
      resolve: (category, _args, ctx) => ctx.loaders.categoryProductCount.load(category.id),
    }),
  }),
});

builder.queryFields((t) => ({
  categories: t.field({
    type: [CategoryRef],
    description: 'The top-level categories, in display order; walk `children` for the rest of the tree.',
    directives: cacheHint(cacheTiers.list),
    resolve: (_root, _args, ctx) => ctx.categories.roots(),
  }),
  category: t.field({
    type: CategoryRef,
    description: 'A category by slug; NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, validate: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') }) },
    resolve: (_root, { slug }, ctx) => ctx.categories.getBySlug(slug),
  }),
}));
