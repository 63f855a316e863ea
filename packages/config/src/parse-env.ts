import { z } from 'zod';
import { DEVELOPMENT_IDENTITY_SECRET } from './common-env.ts';

/** Thrown when the environment does not satisfy a service's schema; its message is one line per variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates `source` (normally `process.env`, passed in by the env module that owns it) against a zod shape.
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
  if (env.DEV_IMPERSONATION === true) {
    throw new ConfigError('Invalid configuration: DEV_IMPERSONATION — must be false when NODE_ENV=production.');
  }
}

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
