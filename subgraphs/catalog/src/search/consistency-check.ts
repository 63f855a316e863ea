import type { SearchDocumentSource } from './search-document-source.ts';
import type { SearchEngine } from './search-engine.ts';

/** How the index differs from the database. Empty lists: they agree. */
export interface SearchDrift {
  /** ACTIVE listings in the database. */
  expected: number;
  /** Listings in the index. */
  indexed: number;
  /** ACTIVE but not in the index: buyers cannot find them. */
  missing: string[];
  /** In the index but not ACTIVE (sold, reserved, archived, draft, gone): buyers find what they cannot buy. */
  extra: string[];
  /** In both, but indexed from an older version of the listing (a changed title or price not yet searchable). */
  stale: string[];
}

export const hasDrift = (drift: SearchDrift) => drift.missing.length + drift.extra.length + drift.stale.length > 0;

/**
 * Compares what the index holds with what the database says it should, by id and product version
 * (`updatedAt`). Reads the whole index in pages, so it costs one pass over both; run it from `npm run search:check`.
 */
export async function checkSearchConsistency(engine: SearchEngine, source: SearchDocumentSource): Promise<SearchDrift> {
  const expected = new Map((await source.versions()).map((row) => [row.productId, row.sourceUpdatedAt.getTime()]));
  const drift: SearchDrift = { expected: expected.size, indexed: 0, missing: [], extra: [], stale: [] };
  const seen = new Set<string>();
  for await (const page of engine.indexedVersions()) {
    for (const { productId, sourceUpdatedAt } of page) {
      drift.indexed += 1;
      seen.add(productId);
      const version = expected.get(productId);
      if (version === undefined) drift.extra.push(productId);
      else if (version !== sourceUpdatedAt.getTime()) drift.stale.push(productId);
    }
  }
  for (const productId of expected.keys()) if (!seen.has(productId)) drift.missing.push(productId);
  return drift;
}
