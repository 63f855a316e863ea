import { userText } from '@threadly/user-text';
import { builder } from '../builder.ts';
import type { CatalogContext } from '../context.ts';
import { PriceInput } from './money.ts';
import { ProductConditionEnum, ProductRef } from './product.ts';
import { imageList, ProductImageInput } from './product-image.ts';
import { uuid } from './uuid.ts';

// Shoppers read all of these: stored as plain text, markup removed (see @threadly/user-text).
const title = userText({ min: 3, max: 120 });
const description = userText({ min: 0, max: 5000, multiline: true });
/** Optional short text: empty means "not given". */
const shortText = userText({ min: 0, max: 60 })
  .nullish()
  .transform((value) => value || null);

/**
 * The seller of the listing `id`. Loading it is data filtering rather than authorization: a listing the viewer
 * cannot see (someone else's draft) is NOT_FOUND, as if it did not exist.
 */
const sellerOf = async (id: string | number, ctx: CatalogContext) => (await ctx.products.getVisible(String(id))).sellerId;

// Scopes of the listing `args.id`; anonymous callers are refused before anything is loaded.
type ListingArgs = { id: string | number };
const listingSeller = async (_root: unknown, { id }: ListingArgs, ctx: CatalogContext) =>
  ctx.viewer !== null && { self: await sellerOf(id, ctx) };
const listingSellerOrAdmin = async (_root: unknown, { id }: ListingArgs, ctx: CatalogContext) =>
  ctx.viewer !== null && { self: await sellerOf(id, ctx), admin: true };

const CreateListingInput = builder.inputType('CreateListingInput', {
  description: 'A new listing; it starts as a DRAFT until published.',
  fields: (t) => ({
    title: t.string({ required: true, description: '3–120 characters.', validate: title }),
    description: t.string({ required: true, description: 'Up to 5000 characters.', validate: description }),
    price: t.field({ type: PriceInput, required: true }),
    condition: t.field({ type: ProductConditionEnum, required: true }),
    size: t.string({ description: 'Up to 60 characters, e.g. M or 38.', validate: shortText }),
    brand: t.string({ description: 'Up to 60 characters.', validate: shortText }),
    color: t.string({ description: 'Up to 60 characters.', validate: shortText }),
    categoryId: t.id({ required: true, description: 'The category to list the item in.', validate: uuid }),
    images: t.field({ type: [ProductImageInput], required: true, description: '1–10 photos in display order.', validate: imageList }),
  }),
});

const UpdateListingInput = builder.inputType('UpdateListingInput', {
  description: 'Changes to a listing. Absent fields stay as they are; null clears size, brand or color; images replace all photos.',
  fields: (t) => ({
    title: t.string({ description: '3–120 characters.', validate: title.nullish() }),
    description: t.string({ description: 'Up to 5000 characters.', validate: description.nullish() }),
    price: t.field({ type: PriceInput }),
    condition: t.field({ type: ProductConditionEnum }),
    size: t.string({ validate: shortText }),
    brand: t.string({ validate: shortText }),
    color: t.string({ validate: shortText }),
    categoryId: t.id({ validate: uuid.nullish() }),
    images: t.field({ type: [ProductImageInput], description: '1–10 photos replacing the current ones.', validate: imageList.nullish() }),
  }),
});

builder.mutationFields((t) => ({
  createListing: t.authField({
    type: ProductRef,
    description: 'Lists an item for sale as a DRAFT owned by the signed-in user; publish it to show it in the shop.',
    args: { input: t.arg({ type: CreateListingInput, required: true }) },
    authScopes: { signedIn: true },
    resolve: (_root, { input }, ctx) => ctx.listings.create(ctx.viewer.userId, { ...input, categoryId: String(input.categoryId) }),
  }),
  updateListing: t.field({
    type: ProductRef,
    description: "Edits the signed-in user's own listing; not possible once it is RESERVED or SOLD.",
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateListingInput, required: true }) },
    authScopes: listingSeller,
    resolve: (_root, { id, input }, ctx) =>
      ctx.listings.update(String(id), { ...input, categoryId: input.categoryId == null ? input.categoryId : String(input.categoryId) }),
  }),
  publishListing: t.field({
    type: ProductRef,
    description: 'Puts a DRAFT or ARCHIVED listing in the shop (ACTIVE).',
    args: { id: t.arg.id({ required: true }) },
    authScopes: listingSeller,
    resolve: (_root, { id }, ctx) => ctx.listings.publish(String(id)),
  }),
  archiveListing: t.field({
    type: ProductRef,
    description: 'Withdraws an ACTIVE or DRAFT listing (ARCHIVED). The seller or an admin may archive.',
    args: { id: t.arg.id({ required: true }) },
    authScopes: listingSellerOrAdmin,
    resolve: (_root, { id }, ctx) => ctx.listings.archive(String(id)),
  }),
}));
