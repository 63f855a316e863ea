import { commonEnvShape, databaseEnvShape, DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET, eventBusEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { tracingEnvShape } from '@threadly/tracing';
import { z } from 'zod';

export const identityEnvShape = {
  ...commonEnvShape,
  ...tracingEnvShape,
  ...databaseEnvShape,
  ...eventBusEnvShape,
  ...identityHeaderEnvShape,
  IDENTITY_PORT: port(4001),
  IDENTITY_HOST: z.string().default('127.0.0.1'),
  /** Verifies Clerk's webhook deliveries (Svix); the development default is refused in production. */
  CLERK_WEBHOOK_SIGNING_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'expected the whsec_… signing secret from the Clerk dashboard')
    .default(DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET),
};

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;

/** The only place identity reads the environment. */
export const loadIdentityEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(identityEnvShape, source);
