import { commonEnvShape, databaseEnvShape, eventBusEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { tracingEnvShape } from '@threadly/tracing';
import { z } from 'zod';
import type { CatalogSearchSettings } from './search/create-search.ts';

export const catalogEnvShape = {
  ...commonEnvShape,
  ...tracingEnvShape,
  ...databaseEnvShape,
  ...eventBusEnvShape,
  ...identityHeaderEnvShape,
  CATALOG_PORT: port(4002),
  CATALOG_HOST: z.string().default('127.0.0.1'),
  /** Meilisearch for listing search; unset, catalog searches with PostgreSQL full-text on its own tables. */
  MEILI_HOST: z.url({ message: 'expected an http(s):// URL' }).optional(),
  MEILI_API_KEY: z.string().min(1).optional(),
};

export type CatalogEnv = ReturnType<typeof loadCatalogEnv>;

/** The only place catalog reads the environment. */
export const loadCatalogEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(catalogEnvShape, source);

/** Search settings from the environment: Meilisearch when MEILI_HOST is set, the search cache in Redis when REDIS_URL is. */
export const catalogSearchSettingsFromEnv = (env: Pick<CatalogEnv, 'MEILI_HOST' | 'MEILI_API_KEY' | 'REDIS_URL'>): CatalogSearchSettings => ({
  meilisearch: env.MEILI_HOST ? { host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY } : undefined,
  redisUrl: env.REDIS_URL,
});
