import { builder } from '../builder.ts';

/**
 * Catalog's product, referenced by id only: title, price and status come from catalog through the gateway.
 * Commerce adds no fields, so it does not resolve Product references itself.
 */
export const ProductRef = builder.externalRef('Product', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  fields: (t) => ({
    id: t.exposeID('id'),
  }),
});
