import type { ProductCondition } from '../generated/prisma/client.ts';

/** The orders a buyer can ask for; RELEVANCE with an empty query is the browse order (newest first). */
export const SEARCH_SORTS = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Validated filter values (see schema/search.ts); every given criterion must match, list values are alternatives. */
export interface SearchFilter {
  /** This category or any of its sub-categories. */
  categoryId?: string;
  sellerId?: string;
  /** Minor units, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  conditions?: ProductCondition[];
  /** Lower-cased (matching ignores case). */
  sizes?: string[];
  brands?: string[];
  colors?: string[];
}

export interface SearchRequest {
  /** Trimmed, inner whitespace collapsed; empty means "browse". */
  query: string;
  filter: SearchFilter;
  sort: SearchSort;
  offset: number;
  limit: number;
}

/**
 * A listing that matched, with its title and a description excerpt HTML-escaped and the matched words wrapped in
 * `<mark>…</mark>` (the only markup in them), or null when the engine marked nothing there.
 */
export interface SearchHit {
  productId: string;
  highlightedTitle: string | null;
  highlightedDescription: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** Counts over every match (not just the page), most frequent first. Listings without a size or brand are not counted there. */
export interface SearchFacets {
  category: FacetCount[];
  condition: FacetCount[];
  size: FacetCount[];
  brand: FacetCount[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: SearchFacets;
}

/** How far an index write reached: which categories' cached searches it may have changed. */
export interface IndexWrite {
  /** The written listings' category paths, before and after (so a listing moving category clears both). */
  categoryIds: string[];
}

/** One listing as an index holds it: its id and the `updatedAt` of the product it was built from. */
export interface IndexedVersion {
  productId: string;
  sourceUpdatedAt: Date;
}

export interface RebuildProgress {
  done: number;
  total: number;
}

/**
 * A search backend. Both implementations index the same documents (the `SearchDocumentSource` view) and answer
 * the same requests, and the same behaviour suite runs against both (test/search-behaviour.ts).
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Idempotent start-up work (index settings); safe on every start and on every replica. */
  prepare(): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Makes the live index agree with the database for these listings: indexed when ACTIVE, removed otherwise. */
  sync(productIds: string[]): Promise<IndexWrite>;
  /** Rebuilds the whole index from the database in batches while searches continue against the live one. */
  rebuild(options: { batchSize: number; onProgress?: (progress: RebuildProgress) => void }): Promise<{ indexed: number }>;
  /** Everything the live index holds, in pages (for the consistency check). */
  indexedVersions(): AsyncIterable<IndexedVersion[]>;
  close(): Promise<void>;
}
