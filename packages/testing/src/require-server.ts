import { testEnv } from './env.ts';

/**
 * Suites that need a real server call this. Without the server they are skipped and say why; with
 * `THREADLY_REQUIRE_SERVERS=1` (set by CI) a missing server fails the run instead, so CI cannot go green on
 * the embedded fallbacks alone.
 */
export function serverUnavailableReason(kind: 'postgres' | 'redis'): string | null {
  const variable = kind === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL';
  const env = testEnv();
  if (env[variable]) return null;
  const reason = `${variable} is not set: ${kind} suite skipped (set ${variable} to run it against a real server)`;
  if (env.THREADLY_REQUIRE_SERVERS === '1') {
    throw new Error(`${reason}; THREADLY_REQUIRE_SERVERS=1 forbids skipping. Start ${kind} and set ${variable}.`);
  }
  return reason;
}

export const requireServer = (kind: 'postgres' | 'redis') => serverUnavailableReason(kind) === null;
