import { GraphQLError } from 'graphql';

export interface SessionWatchOptions {
  /** When the session token expires (ms since the epoch); undefined for connections without one. */
  expiresAtMs: number | undefined;
  /** How often `recheck` runs; it throws UNAUTHENTICATED once the account is gone (deleted, key revoked). */
  recheckMs: number;
  recheck: (() => Promise<void>) | undefined;
  close: (message: string) => void;
  /** A recheck that failed for another reason (identity unreachable): the connection stays open. */
  onRecheckFailure: (error: unknown) => void;
  now?: () => number;
}

const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Ends a connection whose credentials stop being valid while it is open: at the session token's expiry, and
 * when a periodic re-authentication (cached by identity lookups like HTTP sign-in, so the same delay applies)
 * says the account was deleted. Returns the function that stops watching.
 */
export function watchSession(options: SessionWatchOptions): () => void {
  const now = options.now ?? Date.now;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  if (options.expiresAtMs !== undefined) {
    const delay = Math.min(Math.max(0, options.expiresAtMs - now()), MAX_TIMEOUT_MS);
    timers.push(setTimeout(() => options.close('Session token has expired. Sign in again to get a new one.'), delay));
  }
  let interval: ReturnType<typeof setInterval> | undefined;
  const { recheck } = options;
  if (recheck) {
    interval = setInterval(() => {
      recheck().catch((error: unknown) => {
        if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') options.close(error.message);
        else options.onRecheckFailure(error);
      });
    }, options.recheckMs);
  }
  for (const timer of timers) timer.unref();
  interval?.unref();
  return () => {
    for (const timer of timers) clearTimeout(timer);
    if (interval) clearInterval(interval);
  };
}
