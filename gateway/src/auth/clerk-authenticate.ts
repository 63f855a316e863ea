import type { Logger } from '@threadly/logger';
import type { Authenticate } from '../request-context.ts';
import { bearerTokenOf, verifyClerkSession, type ClerkSessionOptions } from './clerk-session.ts';
import { createUserResolver, RESOLVE_USER_PATH, type UserResolver } from './user-resolver.ts';

export interface ClerkAuthenticateOptions {
  session: ClerkSessionOptions;
  /** The identity subgraph's URL (its GraphQL endpoint); the resolve route is on the same origin. */
  identityUrl: string;
  identitySecret: string;
  logger: Logger;
  /** How long a Clerk id's resolution is reused (default 60 s): how long a deletion or role change takes to reach the gateway. */
  userCacheTtlMs?: number;
  /** How long after identity last answered for a user that answer is still used while identity is down (default 15 min; 0: never). */
  identityStaleIfErrorMs?: number;
}

/** The Clerk authenticate step, and the way to tell it of a deletion identity announced. */
export type ClerkAuthenticate = Authenticate & Pick<UserResolver, 'forgetDeletedUser'>;

/**
 * Who a request comes from: no Authorization header is anonymous (known by its IP); a Bearer Clerk session token
 * that verifies is the database user it belongs to; anything else is UNAUTHENTICATED, never anonymous.
 */
export function createClerkAuthenticate(options: ClerkAuthenticateOptions): ClerkAuthenticate {
  const resolveUser = createUserResolver({
    url: new URL(RESOLVE_USER_PATH, options.identityUrl).toString(),
    secret: options.identitySecret,
    logger: options.logger,
    ttlMs: options.userCacheTtlMs,
    staleIfErrorMs: options.identityStaleIfErrorMs,
  });
  const authenticate: Authenticate = async (req, clientIp) => {
    const token = bearerTokenOf(req);
    if (token === null) return { kind: 'anonymous', ip: clientIp };
    const claims = await verifyClerkSession(token, options.session);
    const { userId, role } = await resolveUser(claims);
    return { kind: 'user', viewer: { userId, role } };
  };
  return Object.assign(authenticate, { forgetDeletedUser: resolveUser.forgetDeletedUser });
}
