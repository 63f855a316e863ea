import { commonEnvShape, databaseEnvShape, eventBusEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { z } from 'zod';

export const catalogEnvShape = {
  ...commonEnvShape,
  ...databaseEnvShape,
  ...eventBusEnvShape,
  ...identityHeaderEnvShape,
  CATALOG_PORT: port(4002),
  CATALOG_HOST: z.string().default('127.0.0.1'),
};

export type CatalogEnv = ReturnType<typeof loadCatalogEnv>;

/** The only place catalog reads the environment. */
export const loadCatalogEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(catalogEnvShape, source);
