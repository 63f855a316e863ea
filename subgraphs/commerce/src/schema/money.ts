import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';

/** Catalog defines the identical type; both mark it shareable so composition accepts the two definitions. */
export const MoneyType = builder.objectRef<{ amount: number; currency: string }>('Money').implement({
  shareable: true,
  directives: cacheHint(cacheTiers.inherit),
  description: 'An amount of money in minor units (cents) of an ISO 4217 currency.',
  fields: (t) => ({
    amount: t.exposeInt('amount', { description: 'Minor units, e.g. 1999 for €19.99.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. EUR.' }),
  }),
});
