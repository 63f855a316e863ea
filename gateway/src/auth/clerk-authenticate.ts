import type { Logger } from '@threadly/logger';
import type { Authenticate } from '../request-context.ts';
import { bearerTokenOf, verifyClerkSession, type ClerkSessionOptions } from './clerk-session.ts';
import { createUserResolver, RESOLVE_USER_PATH } from './user-resolver.ts';

export interface ClerkAuthenticateOptions {
  session: ClerkSessionOptions;
  /** The identity subgraph's URL (its GraphQL endpoint); the resolve route is on the same origin. */
  identityUrl: string;
  identitySecret: string;
  logger: Logger;
  /** How long a Clerk id's resolution is reused (default 60 s): how long a deletion or role change takes to reach the gateway. */
  userCacheTtlMs?: number;
}

/**
 * Who a request comes from: no Authorization header is anonymous (known by its IP); a Bearer Clerk session token
 * that verifies is the database user it belongs to; anything else is UNAUTHENTICATED, never anonymous.
 */
export function createClerkAuthenticate(options: ClerkAuthenticateOptions): Authenticate {
  const resolveUser = createUserResolver({
    url: new URL(RESOLVE_USER_PATH, options.identityUrl).toString(),
    secret: options.identitySecret,
    logger: options.logger,
    ttlMs: options.userCacheTtlMs,
  });
  return async (req, clientIp) => {
    const token = bearerTokenOf(req);
    if (token === null) return { kind: 'anonymous', ip: clientIp };
    const claims = await verifyClerkSession(token, options.session);
    const { userId, role } = await resolveUser(claims);
    return { kind: 'user', viewer: { userId, role } };
  };
}
