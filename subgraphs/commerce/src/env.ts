import { commonEnvShape, databaseEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { z } from 'zod';

export const commerceEnvShape = {
  ...commonEnvShape,
  ...databaseEnvShape,
  ...identityHeaderEnvShape,
  COMMERCE_PORT: port(4003),
  COMMERCE_HOST: z.string().default('127.0.0.1'),
};

export type CommerceEnv = ReturnType<typeof loadCommerceEnv>;

/** The only place commerce reads the environment. */
export const loadCommerceEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(commerceEnvShape, source);
