import { z } from 'zod';
import { userText } from '@threadly/user-text';
import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { ProductImage } from '../generated/prisma/client.ts';

export const ProductImageRef = builder.objectRef<ProductImage>('ProductImage').implement({
  description: 'A photo of a listed item.',
  directives: cacheHint(cacheTiers.inherit),
  fields: (t) => ({
    url: t.exposeString('url', { description: 'HTTPS URL of the image.' }),
    alt: t.exposeString('alt', { description: 'Text alternative for screen readers.' }),
    position: t.exposeInt('position', { description: 'Display order, starting at 0; position 0 is the cover photo.' }),
  }),
});

export const ProductImageInput = builder.inputType('ProductImageInput', {
  description: 'A photo to attach to a listing; the order of the list is the display order.',
  fields: (t) => ({
    url: t.string({
      required: true,
      description: 'HTTPS URL of an uploaded image.',
      validate: z.url({ protocol: /^https$/, message: 'must be an https URL' }).max(2048, 'must be at most 2048 characters'),
    }),
    alt: t.string({
      required: true,
      description: 'What the photo shows, for screen readers (1–200 characters).',
      validate: userText({ max: 200 }),
    }),
  }),
});

/** 1–10 photos: a listing without a photo does not sell, and ten is plenty. */
export const imageList = z.array(z.unknown()).min(1, 'must have at least 1 image').max(10, 'must have at most 10 images');
