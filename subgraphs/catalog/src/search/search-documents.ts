import type { SearchSource } from './search-document-source.ts';

/**
 * A listing as Meilisearch stores it. Filters compare the lower-cased `…Key` copies (matching ignores case in
 * both engines); facets count the values as sellers wrote them. Times are epoch milliseconds, which Meilisearch
 * can sort and filter on.
 */
export interface MeilisearchDocument {
  id: string;
  title: string;
  description: string;
  brand: string | null;
  size: string | null;
  color: string | null;
  categoryNames: string[];
  categoryId: string;
  /** The category and its ancestors: `categoryIds = "<id>"` matches a parent category's listings too. */
  categoryIds: string[];
  sellerId: string;
  condition: string;
  priceAmount: number;
  currency: string;
  brandKey: string | null;
  sizeKey: string | null;
  colorKey: string | null;
  createdAt: number;
  sourceUpdatedAt: number;
}

const key = (value: string | null) => (value === null ? null : value.trim().toLowerCase());

export function toMeilisearchDocument(source: SearchSource): MeilisearchDocument {
  return {
    id: source.productId,
    title: source.title,
    description: source.description,
    brand: source.brand,
    size: source.size,
    color: source.color,
    categoryNames: source.categoryNames,
    categoryId: source.categoryId,
    categoryIds: source.categoryPath,
    sellerId: source.sellerId,
    condition: source.condition,
    priceAmount: source.priceAmount,
    currency: source.currency,
    brandKey: key(source.brand),
    sizeKey: key(source.size),
    colorKey: key(source.color),
    createdAt: source.createdAt.getTime(),
    sourceUpdatedAt: source.sourceUpdatedAt.getTime(),
  };
}
