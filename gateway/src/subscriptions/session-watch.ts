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

export interface SessionWatch {
  /** A refreshed token was accepted: the connection now lasts until its expiry. */
  extend(expiresAtMs: number | undefined): void;
  stop(): void;
}

/**
 * Ends a connection whose credentials stop being valid while it is open: at the session token's expiry (unless
 * the client sent a fresh token first), and when a periodic re-authentication (cached by identity lookups like
 * HTTP sign-in, so the same delay applies) says the account was deleted.
 */
export function watchSession(options: SessionWatchOptions): SessionWatch {
  const now = options.now ?? Date.now;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const expireAt = (expiresAtMs: number | undefined) => {
    if (expiry) clearTimeout(expiry);
    expiry = undefined;
    if (expiresAtMs === undefined) return;
    const delay = Math.min(Math.max(0, expiresAtMs - now()), MAX_TIMEOUT_MS);
    expiry = setTimeout(() => options.close('Session token has expired. Sign in again to get a new one.'), delay);
    expiry.unref();
  };
  expireAt(options.expiresAtMs);
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
  interval?.unref();
  return {
    extend: expireAt,
    stop() {
      if (expiry) clearTimeout(expiry);
      if (interval) clearInterval(interval);
    },
  };
}
