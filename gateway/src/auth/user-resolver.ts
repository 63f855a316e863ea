import { postToService } from '@threadly/identity-headers';
import { domainError } from '@threadly/errors';
import type { Logger } from '@threadly/logger';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { ClerkSessionClaims } from './clerk-session.ts';
import { sessionRejected } from './clerk-session.ts';

/** Identity's internal route that finds, or on first sign-in creates, the user of a Clerk id. */
export const RESOLVE_USER_PATH = '/internal/users/resolve';

const resolvedUserSchema = z.object({
  userId: z.uuid(),
  role: z.enum(['BUYER', 'SELLER', 'ADMIN']),
  deleted: z.boolean(),
});

export type ResolvedUser = z.infer<typeof resolvedUserSchema>;

export interface UserResolverOptions {
  /** Absolute URL of identity's resolve route. */
  url: string;
  /** The shared secret internal calls are signed with. */
  secret: string;
  logger: Logger;
  /** How long a resolution is reused: also how long a role change or deletion takes to reach the gateway. */
  ttlMs?: number;
  /** Most Clerk users remembered per gateway process. */
  maxEntries?: number;
  /** The signed POST; replaceable in tests. */
  post?: (url: string, body: unknown, secret: string) => Promise<unknown>;
}

/**
 * Maps a verified Clerk user to the database user (creating it on first sign-in). Resolutions are cached per
 * process for a short time, and concurrent first requests of one Clerk user share a single call to identity, so
 * a burst of requests costs identity one upsert.
 */
export function createUserResolver(options: UserResolverOptions): (claims: ClerkSessionClaims) => Promise<ResolvedUser> {
  const post = options.post ?? postToService;
  const cache = new LRUCache<string, ResolvedUser, ClerkSessionClaims>({
    max: options.maxEntries ?? 10_000,
    ttl: options.ttlMs ?? 60_000,
    // lru-cache keeps one in-flight fetch per key: the de-duplication of concurrent first requests.
    fetchMethod: async (_clerkId, _stale, { context }) => resolvedUserSchema.parse(await post(options.url, context, options.secret)),
  });
  return async (claims) => {
    let user: ResolvedUser | undefined;
    try {
      user = await cache.fetch(claims.clerkId, { context: claims });
    } catch (error) {
      options.logger.error({ err: error, clerkId: claims.clerkId }, 'identity could not resolve a signed-in user; answering 503');
    }
    if (!user) {
      throw domainError('SUBGRAPH_UNAVAILABLE', 'Sign-in is temporarily unavailable. Try again in a moment.', { http: { status: 503 } });
    }
    if (user.deleted) throw sessionRejected('This account has been deleted.');
    return user;
  };
}
