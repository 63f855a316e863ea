import { commonEnvShape, databaseEnvShape, DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { z } from 'zod';

/** Where catalog listens unless told otherwise; identity derives catalog's internal routes from it. */
export const DEFAULT_CATALOG_SUBGRAPH_URL = 'http://127.0.0.1:4002/graphql';

export const identityEnvShape = {
  ...commonEnvShape,
  ...databaseEnvShape,
  ...identityHeaderEnvShape,
  IDENTITY_PORT: port(4001),
  IDENTITY_HOST: z.string().default('127.0.0.1'),
  /** Verifies Clerk's webhook deliveries (Svix); the development default is refused in production. */
  CLERK_WEBHOOK_SIGNING_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'expected the whsec_… signing secret from the Clerk dashboard')
    .default(DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET),
  /** Catalog, asked to hide a deleted user's listings (its internal route sits next to this GraphQL URL). */
  CATALOG_SUBGRAPH_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).default(DEFAULT_CATALOG_SUBGRAPH_URL),
};

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;

/** The only place identity reads the environment. */
export const loadIdentityEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(identityEnvShape, source);
