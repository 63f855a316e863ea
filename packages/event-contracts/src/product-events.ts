import { z } from 'zod';
import { defineEvent } from './envelope.ts';

export const productStatus = z.enum(['DRAFT', 'ACTIVE', 'RESERVED', 'SOLD', 'ARCHIVED']);

const product = { productId: z.uuid(), sellerId: z.uuid(), categoryId: z.uuid(), status: productStatus };

export const productCreated = defineEvent('product.created', 1, z.object(product));

/** Listing content changed (title, price, …); `changedFields` lets consumers skip what they don't keep. */
export const productUpdated = defineEvent('product.updated', 1, z.object({ ...product, changedFields: z.array(z.string()).min(1) }));

export const productStatusChanged = defineEvent(
  'product.status_changed',
  1,
  z.object({ ...product, from: productStatus }),
);
