import { Prisma } from '../generated/prisma/client.ts';
import type { CatalogPrisma } from '../database.ts';
import { toHighlightHtml } from './highlight.ts';
import { highlightColumns, MIN_TYPO_WORD_LENGTH, orderClause, queryWords, whereClause, type SimilarWords } from './postgres-search-query.ts';
import { SearchDocumentSource } from './search-document-source.ts';
import type { FacetCount, IndexedVersion, IndexWrite, SearchEngine, SearchFacets, SearchRequest, SearchResult } from './search-engine.ts';

/** Facet values reported per facet, as Meilisearch's default `maxValuesPerFacet`. */
const MAX_FACET_VALUES = 100;
/** pg_trgm similarity a typo needs (0.3 by default, which lets in too much): "jaket" scores 0.44 against "jacket". */
const TYPO_SIMILARITY = '0.4';
/** Similar index words a query word may stand for. */
const MAX_TYPO_CANDIDATES = 5;

const COLUMNS = Prisma.raw(`"productId", "sellerId", "categoryId", "categoryPath", "title", "description", "brand", "size", "color",
  "condition", "priceAmount", "currency", "createdAt", "searchText", "document", "sourceUpdatedAt"`);

/** Adds the words of these documents to the typo dictionary ("SearchWord"). */
const addWordsOf = (productIds: string[]) => Prisma.sql`
  INSERT INTO "catalog"."SearchWord" ("word")
  SELECT DISTINCT w."lexeme" FROM "catalog"."SearchDocument" d,
    unnest(to_tsvector('simple', concat_ws(' ', d."searchText", d."size", d."description"))) AS w
  WHERE d."productId" = ANY(${productIds}::uuid[])
  ON CONFLICT DO NOTHING`;

/**
 * Upserts the listings the `selection` picks from the view. A row built from an older product version never
 * replaces a newer one (the indexer and a concurrent reindex may race), so the newest write wins whatever the order.
 */
const upsertFromSource = (selection: Prisma.Sql) => Prisma.sql`
  INSERT INTO "catalog"."SearchDocument" (${COLUMNS}, "indexedAt")
  SELECT ${COLUMNS}, now() FROM "catalog"."SearchDocumentSource" s ${selection}
  ON CONFLICT ("productId") DO UPDATE SET
    "sellerId" = EXCLUDED."sellerId", "categoryId" = EXCLUDED."categoryId", "categoryPath" = EXCLUDED."categoryPath",
    "title" = EXCLUDED."title", "description" = EXCLUDED."description", "brand" = EXCLUDED."brand", "size" = EXCLUDED."size",
    "color" = EXCLUDED."color", "condition" = EXCLUDED."condition", "priceAmount" = EXCLUDED."priceAmount",
    "currency" = EXCLUDED."currency", "createdAt" = EXCLUDED."createdAt", "searchText" = EXCLUDED."searchText",
    "document" = EXCLUDED."document", "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "indexedAt" = now()
  WHERE "SearchDocument"."sourceUpdatedAt" <= EXCLUDED."sourceUpdatedAt"`;

type FacetRow = { facet: keyof SearchFacets | 'total'; value: string | null; count: number };

/**
 * PostgreSQL full-text search on catalog's own tables — the embedded default, and what CI runs. The index is the
 * derived "SearchDocument" table (weighted tsvector + pg_trgm, GIN indexes), written only from the
 * `SearchDocumentSource` view. A search with words of 4+ letters first looks up similar words in the
 * "SearchWord" dictionary (pg_trgm, a transaction of two statements), then runs the page and the total with
 * facets in one transaction on the tsvector index.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private readonly source: SearchDocumentSource;

  constructor(private readonly prisma: CatalogPrisma) {
    this.source = new SearchDocumentSource(prisma);
  }

  async prepare(): Promise<void> {
    // The migration created the table, its indexes and the view, and backfilled it.
  }

  /** For each query word of 4+ letters, the dictionary words spelled like it, most similar first. */
  private async similarWords(request: SearchRequest): Promise<SimilarWords> {
    const words = queryWords(request.query).filter((word) => word.length >= MIN_TYPO_WORD_LENGTH);
    if (words.length === 0) return new Map();
    const [, rows] = await this.prisma.$transaction([
      this.prisma.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${TYPO_SIMILARITY}, true)`,
      this.prisma.$queryRaw<Array<{ word: string; similar: string }>>`
        SELECT q.w AS word, s."word" AS similar FROM unnest(${words}::text[]) AS q(w)
        CROSS JOIN LATERAL (
          SELECT "word" FROM "catalog"."SearchWord" WHERE "word" OPERATOR(public.%) q.w AND "word" <> q.w
          ORDER BY public.similarity("word", q.w) DESC, "word" LIMIT ${MAX_TYPO_CANDIDATES}) s`,
    ]);
    const similar: SimilarWords = new Map();
    for (const row of rows) similar.set(row.word, [...(similar.get(row.word) ?? []), row.similar]);
    return similar;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const similar = await this.similarWords(request);
    const where = whereClause(request, similar);
    const [page, facetRows] = await this.prisma.$transaction([
      this.prisma.$queryRaw<Array<{ productId: string; highlightedTitle: string | null; highlightedDescription: string | null }>>`
        SELECT d."productId"::text AS "productId", ${highlightColumns(request, similar)}
        FROM "catalog"."SearchDocument" d ${where} ${orderClause(request, similar)}
        OFFSET ${request.offset} LIMIT ${request.limit}`,
      this.prisma.$queryRaw<FacetRow[]>`
        WITH matched AS MATERIALIZED (SELECT d."categoryId", d."condition", d."size", d."brand" FROM "catalog"."SearchDocument" d ${where})
        SELECT 'total' AS facet, NULL AS value, count(*)::int AS count FROM matched
        UNION ALL SELECT 'category', "categoryId"::text, count(*)::int FROM matched GROUP BY 2
        UNION ALL SELECT 'condition', "condition"::text, count(*)::int FROM matched GROUP BY 2
        UNION ALL SELECT 'size', "size", count(*)::int FROM matched WHERE "size" IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'brand', "brand", count(*)::int FROM matched WHERE "brand" IS NOT NULL GROUP BY 2`,
    ]);
    return {
      hits: page.map((row) => ({
        productId: row.productId,
        highlightedTitle: toHighlightHtml(row.highlightedTitle),
        highlightedDescription: toHighlightHtml(row.highlightedDescription),
      })),
      total: facetRows.find((row) => row.facet === 'total')?.count ?? 0,
      facets: {
        category: facetOf(facetRows, 'category'),
        condition: facetOf(facetRows, 'condition'),
        size: facetOf(facetRows, 'size'),
        brand: facetOf(facetRows, 'brand'),
      },
    };
  }

  async sync(productIds: string[]): Promise<IndexWrite> {
    if (productIds.length === 0) return { categoryIds: [] };
    // One statement: the paths before (for cache invalidation), listings no longer ACTIVE removed, the rest upserted.
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      WITH previous AS (SELECT "categoryPath" FROM "catalog"."SearchDocument" WHERE "productId" = ANY(${productIds}::uuid[])),
      removed AS (
        DELETE FROM "catalog"."SearchDocument" d WHERE d."productId" = ANY(${productIds}::uuid[])
          AND NOT EXISTS (SELECT 1 FROM "catalog"."Product" p WHERE p."id" = d."productId" AND p."status" = 'ACTIVE')),
      written AS (${upsertFromSource(Prisma.sql`WHERE s."productId" = ANY(${productIds}::uuid[])`)} RETURNING "categoryPath")
      SELECT DISTINCT unnest("categoryPath")::text AS id FROM (SELECT "categoryPath" FROM previous UNION ALL SELECT "categoryPath" FROM written) paths`;
    await this.prisma.$executeRaw`${addWordsOf(productIds)}`;
    return { categoryIds: rows.map((row) => row.id) };
  }

  /**
   * PostgreSQL's "new index, then swap": the table is derived, so a rebuild re-derives it in place, one committed
   * batch at a time, in id order. Every listing keeps a servable row throughout (a batch replaces rows, it never
   * empties the table), searches never wait on a batch, and the version guard keeps the indexer's newer rows.
   * Rows of listings that stopped being ACTIVE are swept at the end.
   */
  async rebuild({ batchSize, onProgress }: { batchSize: number; onProgress?: (progress: { done: number; total: number }) => void }) {
    const total = await this.source.count();
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const batch = await this.source.activeIdsAfter(after, batchSize);
      if (batch.length === 0) break;
      await this.prisma.$executeRaw`${upsertFromSource(Prisma.sql`WHERE s."productId" = ANY(${batch}::uuid[])`)}`;
      await this.prisma.$executeRaw`${addWordsOf(batch)}`;
      done += batch.length;
      after = batch.at(-1)!;
      onProgress?.({ done, total: Math.max(total, done) });
    }
    await this.prisma.$executeRaw`
      DELETE FROM "catalog"."SearchDocument" d
      WHERE NOT EXISTS (SELECT 1 FROM "catalog"."Product" p WHERE p."id" = d."productId" AND p."status" = 'ACTIVE')`;
    return { indexed: done };
  }

  async *indexedVersions(): AsyncIterable<IndexedVersion[]> {
    let after: string | null = null;
    for (;;) {
      const page: IndexedVersion[] = await this.prisma.$queryRaw`
        SELECT "productId"::text AS "productId", "sourceUpdatedAt" FROM "catalog"."SearchDocument"
        WHERE ${after}::uuid IS NULL OR "productId" > ${after}::uuid ORDER BY "productId" LIMIT 5000`;
      if (page.length === 0) return;
      yield page;
      after = page.at(-1)!.productId;
    }
  }

  async close(): Promise<void> {}
}

function facetOf(rows: FacetRow[], facet: keyof SearchFacets): FacetCount[] {
  return rows
    .filter((row) => row.facet === facet && row.value !== null)
    .map((row) => ({ value: row.value!, count: row.count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, MAX_FACET_VALUES);
}
