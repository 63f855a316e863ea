import { readFileSync } from 'node:fs';

/**
 * The committed development key pair (gateway/dev-keys). Anyone can read it, so a token signed with it proves
 * nothing: it exists so `npm start`, `npm run token` and the tests work with no Clerk account, and configuration
 * refuses its public key when NODE_ENV=production.
 */
const keyFile = (name: string) => new URL(`../../dev-keys/${name}`, import.meta.url);

/** The default `CLERK_JWT_KEY`: verifies tokens signed by `signDevelopmentSessionToken`. */
export const readDevelopmentPublicKey = () => readFileSync(keyFile('clerk-dev-public.pem'), 'utf8');

/** Signs development tokens; read only by `npm run token` and tests, never by the running gateway. */
export const readDevelopmentPrivateKey = () => readFileSync(keyFile('clerk-dev-private.pem'), 'utf8');

/** The `iss` of development tokens, shaped like a Clerk development instance's. */
export const DEVELOPMENT_CLERK_ISSUER = 'https://threadly-dev.clerk.accounts.dev';
