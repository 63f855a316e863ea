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

/**
 * Maps a verified Clerk user to the database user (creating it on first sign-in). Resolutions are cached per
 * process for a short time, and concurrent first requests of one Clerk user share a single call to identity, so
 * a burst of requests costs identity one upsert.
 */
export function createUserResolver(options: UserResolverOptions): (claims: ClerkSessionClaims) => Promise<ResolvedUser> {
  const lookup = createIdentityLookup({ ...options, parse: (answer) => resolvedUserSchema.parse(answer), what: 'a signed-in user' });
  return async (claims) => {
    const user = await lookup(claims.clerkId, claims);
    if (user.deleted) throw sessionRejected('This account has been deleted.');
    return user;
  };
}
