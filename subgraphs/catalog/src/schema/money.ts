import { z } from 'zod';
import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';

/** Defined identically in commerce: a shareable value type both subgraphs resolve. */
export const MoneyRef = builder.objectRef<{ amount: number; currency: string }>('Money').implement({
  shareable: true,
  directives: cacheHint(cacheTiers.inherit),
  description: 'An amount of money in minor units (cents) of an ISO 4217 currency.',
  fields: (t) => ({
    amount: t.exposeInt('amount', { description: 'Minor units, e.g. 1999 for €19.99.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. EUR.' }),
  }),
});

/** Highest asking price, in minor units: €100,000 keeps typos like an extra zero or two out of the shop. */
export const MAX_PRICE = 10_000_000;

export const PriceInput = builder.inputType('PriceInput', {
  description: "A listing's asking price.",
  fields: (t) => ({
    amount: t.int({
      required: true,
      description: 'Minor units (cents), 1 to 10,000,000.',
      validate: z.number().int().min(1, 'must be at least 1').max(MAX_PRICE, `must be at most ${MAX_PRICE}`),
    }),
    currency: t.string({
      required: true,
      defaultValue: 'EUR',
      description: 'ISO 4217 code in capitals; EUR when omitted.',
      validate: z.string().regex(/^[A-Z]{3}$/, 'must be three capital letters, e.g. EUR'),
    }),
  }),
});
