/**
 * Why the gateway closes a subscription connection; clients switch on the code, the reason is for people.
 * graphql-ws's own codes (4400 bad message, 4406 subprotocol, 4408 init timeout, 4409 duplicate id) keep their
 * meaning. Close reasons are limited to 123 bytes by the WebSocket protocol.
 */
export const CloseCode = {
  /** Credentials refused at connection_init, the session token expired, or the account was deleted: sign in again, then reconnect. */
  Unauthenticated: 4401,
  /** Too many connections for this user (or partner, or address), or over the request rate limit at connection_init. */
  TooManyConnections: 4429,
  /**
   * Try again later (with backoff): the client reads events more slowly than they come (its queue passed the
   * bound), or sign-in is unavailable for a moment.
   */
  TryAgainLater: 1013,
  /** The gateway is shutting down after completing every subscription; reconnect (another replica answers). */
  GoingAway: 1001,
} as const;

/** A close reason within the protocol's 123 bytes. */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= 123) return text;
  return `${bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}
