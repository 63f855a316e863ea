import type { Product } from '../generated/prisma/client.ts';
import type { ListingChanges } from './listing.service.ts';

const sameValue = (before: unknown, after: unknown) => (before ?? null) === (after ?? null);

/**
 * The listing fields an edit really changes (as `product.updated` names them): given and different from what
 * the listing had. New photos always count: comparing them would cost a query for nothing.
 */
export function changedListingFields(before: Product, changes: ListingChanges): string[] {
  const changed: string[] = [];
  if (changes.title && changes.title !== before.title) changed.push('title');
  if (changes.description != null && changes.description !== before.description) changed.push('description');
  if (changes.price && (changes.price.amount !== before.priceAmount || changes.price.currency !== before.currency)) changed.push('price');
  if (changes.condition && changes.condition !== before.condition) changed.push('condition');
  if (changes.categoryId && changes.categoryId !== before.categoryId) changed.push('categoryId');
  for (const field of ['size', 'brand', 'color'] as const) {
    if (changes[field] !== undefined && !sameValue(changes[field], before[field])) changed.push(field);
  }
  if (changes.images) changed.push('images');
  return changed;
}
