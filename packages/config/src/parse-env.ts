import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET,
  DEVELOPMENT_IDENTITY_SECRET,
  DEVELOPMENT_STRIPE_SECRET_KEY,
  DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
} from './common-env.ts';

/** Thrown when the environment does not satisfy a service's schema; its message is one line per variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates `source` (the environment, passed in by the env module that owns it) against a zod shape.
 * Empty strings count as unset, so `FOO=` in a .env file falls back to the default instead of failing oddly.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Record<string, string | undefined>,
): z.infer<z.ZodObject<Shape>> {
  const cleaned = Object.fromEntries(
    Object.keys(shape).map((key) => [key, source[key] === '' ? undefined : source[key]]),
  );
  const result = z.object(shape).safeParse(cleaned);
  if (result.success) {
    assertProductionSafe(result.data as Record<string, unknown>);
    return result.data;
  }
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const got = cleaned[name] === undefined ? 'it is not set' : `got ${JSON.stringify(cleaned[name])}`;
    return `Invalid configuration: ${name} — ${issue.message} (${got}).`;
  });
  throw new ConfigError(lines.join('\n'));
}

/** The development defaults that make the embedded stack run with no setup must never reach production. */
function assertProductionSafe(env: Record<string, unknown>) {
  if (env.NODE_ENV !== 'production') return;
  if (env.IDENTITY_HEADER_SECRET === DEVELOPMENT_IDENTITY_SECRET) {
    throw new ConfigError(
      'Invalid configuration: IDENTITY_HEADER_SECRET — the development default is refused when NODE_ENV=production; set 32+ random characters.',
    );
  }
  if (env.CLERK_WEBHOOK_SIGNING_SECRET === DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET) {
    throw new ConfigError('Invalid configuration: CLERK_WEBHOOK_SIGNING_SECRET — the development default is refused when NODE_ENV=production; set the whsec_ secret from the Clerk dashboard.');
  }
  if (typeof env.CLERK_JWT_KEY === 'string' && pemFingerprint(env.CLERK_JWT_KEY) === DEVELOPMENT_CLERK_JWT_KEY_SHA256) {
    throw new ConfigError(
      "Invalid configuration: CLERK_JWT_KEY — the development key is refused when NODE_ENV=production; set your Clerk instance's PEM public key (Dashboard → API keys).",
    );
  }
  if (env.STRIPE_SECRET_KEY === DEVELOPMENT_STRIPE_SECRET_KEY || env.STRIPE_WEBHOOK_SECRET === DEVELOPMENT_STRIPE_WEBHOOK_SECRET) {
    const name = env.STRIPE_SECRET_KEY === DEVELOPMENT_STRIPE_SECRET_KEY ? 'STRIPE_SECRET_KEY' : 'STRIPE_WEBHOOK_SECRET';
    throw new ConfigError(`Invalid configuration: ${name} — the development default is refused when NODE_ENV=production; set the key and the endpoint's whsec_ signing secret from the Stripe dashboard.`);
  }
}

/**
 * SHA-256 of the committed development public key (gateway/dev-keys/clerk-dev-public.pem): its private half is in
 * the repository, so tokens it verifies prove nothing. `npm start` refusing it in production is tested.
 */
const DEVELOPMENT_CLERK_JWT_KEY_SHA256 = '153f526a43c43d84c91d1784129d4824acd40c333cc98c3c5c54a7d5636d79a8';

/** The key's base64 body hashed, so line breaks, `\n` escapes and surrounding whitespace do not hide it. */
const pemFingerprint = (pem: string) =>
  createHash('sha256').update(pem.replace(/-----[^-]+-----/g, '').replace(/\\n|\s/g, '')).digest('hex');

/**
 * For entry points: a configuration error prints its one-line-per-variable message and exits 1, with no stack
 * trace to scroll past; any other error is a bug and propagates.
 */
export function loadConfigOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return process.exit(1);
  }
}
