-- Hand-edited after `npm run migration:create`: the extension, the view and the backfill below are not in the
-- Prisma schema (Prisma has no views, and the diff is schema-to-schema, so later migrations leave them alone).
-- pg_trgm lives in "public" (an extension is installed once per database); catalog's SQL names it qualified
-- (public.gin_trgm_ops, OPERATOR(public.%), public.similarity) so no search_path is assumed.
-- PGlite loads the extension's code from @electric-sql/pglite/contrib/pg_trgm (packages/database).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- CreateTable
CREATE TABLE "SearchDocument" (
    "productId" UUID NOT NULL,
    "sellerId" UUID NOT NULL,
    "categoryId" UUID NOT NULL,
    "categoryPath" UUID[],
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "brand" TEXT,
    "size" TEXT,
    "color" TEXT,
    "condition" "ProductCondition" NOT NULL,
    "priceAmount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "searchText" TEXT NOT NULL,
    "document" tsvector NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,
    "indexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("productId")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "SearchWord_word_idx" ON "SearchWord" USING GIN ("word" public.gin_trgm_ops);

-- CreateIndex
CREATE INDEX "SearchDocument_document_idx" ON "SearchDocument" USING GIN ("document");


-- CreateIndex
CREATE INDEX "SearchDocument_categoryPath_idx" ON "SearchDocument" USING GIN ("categoryPath");

-- CreateIndex
CREATE INDEX "SearchDocument_createdAt_productId_idx" ON "SearchDocument"("createdAt" DESC, "productId" DESC);

-- CreateIndex
CREATE INDEX "SearchDocument_priceAmount_createdAt_idx" ON "SearchDocument"("priceAmount", "createdAt" DESC);

-- What the search index holds for each listing, derived from the catalog's own tables: only ACTIVE listings
-- have a row. The indexer and `npm run reindex` copy rows from here into "SearchDocument" (and into
-- Meilisearch, which gets the same fields), so both engines index exactly the same documents.
CREATE VIEW "SearchDocumentSource" AS
WITH RECURSIVE "CategoryPath" AS (
    SELECT c."id", ARRAY[c."id"] AS "path", c."name"::TEXT AS "names", ARRAY[c."name"::TEXT] AS "nameList"
    FROM "Category" c WHERE c."parentId" IS NULL
  UNION ALL
    SELECT c."id", p."path" || c."id", p."names" || ' ' || c."name", p."nameList" || c."name"::TEXT
    FROM "Category" c JOIN "CategoryPath" p ON c."parentId" = p."id"
)
SELECT
    p."id" AS "productId",
    p."sellerId",
    p."categoryId",
    cp."path" AS "categoryPath",
    p."title",
    p."description",
    p."brand",
    p."size",
    p."color",
    p."condition",
    p."priceAmount",
    p."currency",
    p."createdAt",
    concat_ws(' ', p."title", p."brand", cp."names", p."color") AS "searchText",
    setweight(to_tsvector('english', p."title"), 'A')
      || setweight(to_tsvector('english', concat_ws(' ', p."brand", cp."names")), 'B')
      || setweight(to_tsvector('english', concat_ws(' ', p."color", p."size")), 'C')
      || setweight(to_tsvector('english', p."description"), 'D') AS "document",
    p."updatedAt" AS "sourceUpdatedAt",
    cp."nameList" AS "categoryNames"
FROM "Product" p
JOIN "CategoryPath" cp ON cp."id" = p."categoryId"
WHERE p."status" = 'ACTIVE';

-- Backfill: listings that exist before this migration are searchable right away.
INSERT INTO "SearchDocument" ("productId", "sellerId", "categoryId", "categoryPath", "title", "description", "brand", "size",
    "color", "condition", "priceAmount", "currency", "createdAt", "searchText", "document", "sourceUpdatedAt")
SELECT "productId", "sellerId", "categoryId", "categoryPath", "title", "description", "brand", "size",
    "color", "condition", "priceAmount", "currency", "createdAt", "searchText", "document", "sourceUpdatedAt"
FROM "SearchDocumentSource";

INSERT INTO "SearchWord" ("word")
SELECT DISTINCT w."lexeme" FROM "SearchDocument" d,
    unnest(to_tsvector('simple', concat_ws(' ', d."searchText", d."size", d."description"))) AS w
ON CONFLICT DO NOTHING;
