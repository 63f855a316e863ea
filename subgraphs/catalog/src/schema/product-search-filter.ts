import { z } from 'zod';
import { builder } from '../builder.ts';
import type { SEARCH_SORTS } from '../search/search-engine.ts';
import { MAX_PRICE } from './money.ts';
import { ProductConditionEnum } from './product.ts';
import { uuid } from './uuid.ts';

export const ProductSearchSortEnum = builder.enumType('ProductSearchSort', {
  description: 'How search results are ordered. Ties are broken newest first.',
  values: {
    RELEVANCE: { description: 'Best match first; with an empty query, the shop order (newest first).' },
    NEWEST: { description: 'Most recently listed first.' },
    PRICE_ASC: { description: 'Cheapest first.' },
    PRICE_DESC: { description: 'Most expensive first.' },
  } as const satisfies Record<(typeof SEARCH_SORTS)[number], unknown>,
});

const price = z.number().int().min(0, 'must not be negative').max(MAX_PRICE, `must be at most ${MAX_PRICE}`).nullish();
const values = (max: number) =>
  z
    .array(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`))
    .max(20, 'must list at most 20 values')
    .nullish();

export const ProductSearchFilterInput = builder.inputType('ProductSearchFilter', {
  description: 'Narrows a search. Every given criterion must match; the values of a list are alternatives.',
  validate: z
    // Loose: a plain object schema would strip the fields it does not name.
    .looseObject({ minPrice: z.number().nullish(), maxPrice: z.number().nullish() })
    .refine((filter) => filter.minPrice == null || filter.maxPrice == null || filter.minPrice <= filter.maxPrice, {
      message: 'must not be less than minPrice',
      path: ['maxPrice'],
    }),
  fields: (t) => ({
    categoryId: t.id({ description: 'Only this category and its sub-categories.', validate: uuid.nullish() }),
    sellerId: t.id({ description: "Only this seller's listings.", validate: uuid.nullish() }),
    minPrice: t.int({ description: 'Lowest price in minor units, inclusive.', validate: price }),
    maxPrice: t.int({ description: 'Highest price in minor units, inclusive; not below minPrice.', validate: price }),
    conditions: t.field({ type: [ProductConditionEnum], description: 'Any of these conditions.', validate: z.array(z.string()).max(5).nullish() }),
    sizes: t.stringList({ description: 'Any of these sizes, ignoring case (at most 20).', validate: values(60) }),
    brands: t.stringList({ description: 'Any of these brands, ignoring case (at most 20).', validate: values(60) }),
    colors: t.stringList({ description: 'Any of these colours, ignoring case (at most 20).', validate: values(60) }),
  }),
});
