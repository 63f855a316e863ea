import { commonEnvShape, databaseEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { z } from 'zod';

export const identityEnvShape = {
  ...commonEnvShape,
  ...databaseEnvShape,
  ...identityHeaderEnvShape,
  IDENTITY_PORT: port(4001),
  IDENTITY_HOST: z.string().default('127.0.0.1'),
};

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;

/** The only place identity reads the environment. */
export const loadIdentityEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(identityEnvShape, source);
