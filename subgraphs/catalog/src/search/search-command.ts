import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { applyMigrations, resolveDatabase } from '@threadly/database';
import { parseEnv } from '@threadly/config';
import { createCatalogPrisma, CATALOG_DB_SCHEMA } from '../database.ts';
import { catalogEnvShape, catalogSearchSettingsFromEnv } from '../env.ts';
import { createSearchEngine } from './create-search.ts';
import { SearchDocumentSource } from './search-document-source.ts';
import type { SearchEngine } from './search-engine.ts';

export interface SearchCommandContext {
  engine: SearchEngine;
  source: SearchDocumentSource;
  /** Where the command works, for its first line of output (no credentials). */
  description: string;
  close(): Promise<void>;
}

/**
 * What `npm run reindex` and `npm run search:check` work on: the catalog database (DATABASE_URL, else the
 * embedded one `npm start` keeps under DATA_DIR — stop `npm start` first, PGlite is one process's) and the
 * search engine the environment selects (MEILI_HOST, else PostgreSQL).
 */
export async function openSearchForCommand(source: Record<string, string | undefined> = process.env): Promise<SearchCommandContext> {
  const env = parseEnv({ ...catalogEnvShape, DATA_DIR: z.string().default('.data') }, source);
  const database = await resolveDatabase({ url: env.DATABASE_URL, poolSize: 2, embeddedDataDir: resolve(env.DATA_DIR, 'pglite') });
  await applyMigrations(database.pool, CATALOG_DB_SCHEMA, fileURLToPath(new URL('../../prisma/migrations', import.meta.url)));
  const prisma = createCatalogPrisma(database.pool);
  const settings = catalogSearchSettingsFromEnv(env);
  const engine = createSearchEngine(prisma, settings);
  return {
    engine,
    source: new SearchDocumentSource(prisma),
    description: `${engine.name === 'meilisearch' ? `Meilisearch at ${new URL(settings.meilisearch!.host).host}` : 'PostgreSQL full-text'}, database ${database.embedded ? 'embedded' : new URL(database.url).host}`,
    async close() {
      await engine.close();
      await prisma.$disconnect();
      await database.close();
    },
  };
}
