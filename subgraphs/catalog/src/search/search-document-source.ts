import type { CatalogPrisma } from '../database.ts';
import type { ProductCondition } from '../generated/prisma/client.ts';
import type { IndexedVersion } from './search-engine.ts';

/**
 * One ACTIVE listing as both engines index it: a row of the `SearchDocumentSource` view (migration
 * 20261121153955_search_documents), which derives it from Product and the category tree. A listing that is not
 * ACTIVE has no row, so it can never reach an index through here.
 */
export interface SearchSource {
  productId: string;
  sellerId: string;
  categoryId: string;
  /** Root first, the listing's own category last. */
  categoryPath: string[];
  categoryNames: string[];
  title: string;
  description: string;
  brand: string | null;
  size: string | null;
  color: string | null;
  condition: ProductCondition;
  priceAmount: number;
  currency: string;
  createdAt: Date;
  sourceUpdatedAt: Date;
}

const COLUMNS = `"productId"::text, "sellerId"::text, "categoryId"::text, "categoryPath"::text[] AS "categoryPath", "categoryNames",
  "title", "description", "brand", "size", "color", "condition"::text AS "condition", "priceAmount", "currency", "createdAt", "sourceUpdatedAt"`;

/** Reads the view: by id, in id-ordered batches (for rebuilds), and as versions (for the consistency check). */
export class SearchDocumentSource {
  constructor(private readonly prisma: CatalogPrisma) {}

  /** The sources of those listings that are ACTIVE; ids of others are simply absent. */
  byIds(productIds: string[]): Promise<SearchSource[]> {
    if (productIds.length === 0) return Promise.resolve([]);
    return this.prisma.$queryRawUnsafe<SearchSource[]>(
      `SELECT ${COLUMNS} FROM "catalog"."SearchDocumentSource" WHERE "productId" = ANY($1::uuid[])`,
      productIds,
    );
  }

  /** The next `limit` ACTIVE listing ids after `afterId`, in id order (keyset: a batch costs the same at any depth). */
  async activeIdsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT "id"::text AS id FROM "catalog"."Product"
      WHERE "status" = 'ACTIVE' AND (${afterId}::uuid IS NULL OR "id" > ${afterId}::uuid) ORDER BY "id" LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  /** Every listing (any status) changed at or after `since`: what a rebuild may have copied before it changed. */
  async changedSince(since: Date): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`SELECT "id"::text AS id FROM "catalog"."Product" WHERE "updatedAt" >= ${since}`;
    return rows.map((row) => row.id);
  }

  async count(): Promise<number> {
    const [row] = await this.prisma.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS count FROM "catalog"."Product" WHERE "status" = 'ACTIVE'`;
    return row?.count ?? 0;
  }

  /** What the database says the index should hold. */
  versions(): Promise<IndexedVersion[]> {
    return this.prisma.$queryRaw<IndexedVersion[]>`
      SELECT "id"::text AS "productId", "updatedAt" AS "sourceUpdatedAt" FROM "catalog"."Product" WHERE "status" = 'ACTIVE'`;
  }
}
