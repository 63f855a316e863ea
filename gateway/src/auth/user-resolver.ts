import { z } from 'zod';
import type { ClerkSessionClaims } from './clerk-session.ts';
import { sessionRejected } from './clerk-session.ts';
import { createIdentityLookup, type IdentityLookupOptions } from './identity-lookup.ts';

/** Identity's internal route that finds, or on first sign-in creates, the user of a Clerk id. */
export const RESOLVE_USER_PATH = '/internal/users/resolve';

const resolvedUserSchema = z.object({
  userId: z.uuid(),
  role: z.enum(['BUYER', 'SELLER', 'ADMIN']),
  deleted: z.boolean(),
});

export type ResolvedUser = z.infer<typeof resolvedUserSchema>;

/** `url` is identity's resolve route; `ttlMs` is also how long a role change or deletion takes to reach the gateway. */
export type UserResolverOptions = IdentityLookupOptions;

export interface UserResolver {
  (claims: ClerkSessionClaims): Promise<ResolvedUser>;
  /**
   * Identity announced the user's deletion (`user.deleted`): their remembered answers become "deleted", so neither
   * a fresh nor a stale one lets them in, even while identity is down. Returns how many answers it changed.
   */
  forgetDeletedUser(userId: string): number;
}

/**
 * Maps a verified Clerk user to the database user (creating it on first sign-in). Resolutions are cached per
 * process for a short time, and concurrent first requests of one Clerk user share a single call to identity, so
 * a burst of requests costs identity one upsert. While identity cannot be reached, a user it answered for within
 * the stale bound keeps that answer (their token is still verified on every request); anyone else gets 503.
 */
export function createUserResolver(options: UserResolverOptions): UserResolver {
  const lookup = createIdentityLookup({ ...options, parse: (answer) => resolvedUserSchema.parse(answer), what: 'a signed-in user' });
  const resolve = async (claims: ClerkSessionClaims) => {
    const user = await lookup(claims.clerkId, claims);
    if (user.deleted) throw sessionRejected('This account has been deleted.');
    return user;
  };
  return Object.assign(resolve, {
    forgetDeletedUser: (userId: string) => lookup.revise((user) => (user.userId === userId && !user.deleted ? { ...user, deleted: true } : undefined)),
  });
}
