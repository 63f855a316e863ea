import { createPublicKey } from 'node:crypto';
import { parseEnv } from '@threadly/config';
import { z } from 'zod';
import { readDevelopmentPublicKey } from './development-keys.ts';
import type { ClerkSessionOptions } from './clerk-session.ts';

/** Sandbox on the gateway, a web client on Vite's port, and Sandbox reached by address. */
const DEVELOPMENT_AUTHORIZED_PARTIES = 'http://localhost:4000,http://localhost:5173,http://127.0.0.1:4000';

/** Clerk's networkless verification reads only 2048-bit RSA SPKI keys, the kind its dashboard shows. */
function isClerkPublicKey(pem: string): boolean {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' && key.asymmetricKeyDetails?.modulusLength === 2048 && pem.includes('BEGIN PUBLIC KEY');
  } catch {
    return false;
  }
}

const isOrigin = (value: string) => URL.canParse(value) && new URL(value).origin === value;

/** The gateway's Clerk variables; spread into the gateway's env shape. */
export const clerkEnvShape = {
  /** PEM public key of the Clerk instance; one-line values may write newlines as `\n`. Production refuses the default. */
  CLERK_JWT_KEY: z
    .string()
    .transform((pem) => pem.replaceAll('\\n', '\n').trim())
    .refine(isClerkPublicKey, "expected the Clerk instance's PEM public key (RSA 2048, -----BEGIN PUBLIC KEY-----)")
    .default(readDevelopmentPublicKey),
  /** Origins whose session tokens are accepted (the token's `azp`): Clerk's defence against tokens from other sites. */
  CLERK_AUTHORIZED_PARTIES: z
    .string()
    .default(DEVELOPMENT_AUTHORIZED_PARTIES)
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.length > 0 && origins.every(isOrigin), 'expected comma-separated origins such as https://threadly.app'),
  /** Allowed clock difference with Clerk when checking `exp`, `nbf` and `iat`; bounded so expiry keeps its meaning. */
  CLERK_CLOCK_SKEW_MS: z.coerce.number({ message: 'expected milliseconds' }).int().min(0).max(60_000, 'expected at most 60000 (one minute)').default(5000),
  /** When set, tokens must carry exactly this `iss` (the instance's Frontend API URL). */
  CLERK_ISSUER: z.url({ message: "expected the Clerk instance's issuer URL, e.g. https://clerk.threadly.app" }).optional(),
};

export const clerkSessionOptionsFromEnv = (env: {
  CLERK_JWT_KEY: string;
  CLERK_AUTHORIZED_PARTIES: string[];
  CLERK_CLOCK_SKEW_MS: number;
  CLERK_ISSUER?: string | undefined;
}): ClerkSessionOptions => ({
  jwtKey: env.CLERK_JWT_KEY,
  authorizedParties: env.CLERK_AUTHORIZED_PARTIES,
  clockSkewMs: env.CLERK_CLOCK_SKEW_MS,
  issuer: env.CLERK_ISSUER,
});

/** What `npm start` and the tests use when nothing is configured: the development key and parties. */
export const developmentClerkSessionOptions = (): ClerkSessionOptions => clerkSessionOptionsFromEnv(parseEnv(clerkEnvShape, {}));
