import { builder } from '../builder.ts';

/**
 * catalog's Product, referenced by id only. Messaging adds no fields to it, so the gateway never has to ask
 * messaging to resolve one (`resolvable: false`).
 */
export const ProductRef = builder
  .externalRef('Product', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
  .implement({
    fields: (t) => ({ id: t.exposeID('id') }),
  });
