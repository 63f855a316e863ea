import { builder } from '../builder.ts';

/** Catalog's enum, repeated with the same values so commerce can declare `Product.status` as external. */
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

/**
 * Catalog's product, referenced by id only: title, price and status come from catalog through the gateway.
 * Commerce adds no fields, so it does not resolve Product references itself; it declares `status` as external
 * because `CartItem.available` requires it (the gateway fetches it from catalog and hands it over).
 */
export const ProductRef = builder.externalRef('Product', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  externalFields: (t) => ({
    status: t.field({ type: ProductStatusEnum }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
  }),
});
