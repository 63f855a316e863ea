export { createPool, type Pool } from './pool.ts';
export { createPrismaAdapter } from './prisma-adapter.ts';
export { applyMigrations, type MigrationReport } from './migrations.ts';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';
export { countStatements, type StatementCounter } from './statement-counter.ts';
export { resolveDatabase, type ResolvedDatabase } from './resolve-database.ts';
export { createByIdLoader, createGroupLoader, isUuid } from './by-id-loader.ts';
export {
  MAX_PAGE_SIZE,
  encodeCursor,
  decodeCursor,
  assertPageSize,
  planKeyset,
  compare,
  type KeysetPosition,
  type KeysetPage,
  type KeysetBound,
  type KeysetPlan,
  type Comparison,
  type SortOrder,
} from './keyset-pagination.ts';
export { createPageLoader, keysetWindowQuery, type KeysetWindowSource, type PageKey, type PagedRow } from './page-loader.ts';
export { createQueryTimings, firstSqlKeyword, timePrismaQueries, type QueryTiming, type QueryTimings } from './query-timings.ts';
