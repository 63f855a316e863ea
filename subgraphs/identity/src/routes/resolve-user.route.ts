import type { HttpRoute } from '@threadly/http-server';
import { createInternalRoute } from '@threadly/subgraph-runtime';
import type { IdentityPrisma } from '../database.ts';
import { signInClaimsSchema } from '../services/clerk-profile.ts';
import { ClerkUserService, retryOnEmailRace, type ResolvedUser } from '../services/clerk-user.service.ts';

export const RESOLVE_USER_PATH = '/internal/users/resolve';

/**
 * `POST /internal/users/resolve`, called by the gateway (service-signed with IDENTITY_HEADER_SECRET) with a
 * verified session token's claims: `{ clerkId, email?, firstName?, lastName?, imageUrl? }` →
 * `{ userId, role, deleted }`. Creates the user on first sight, exactly once however many requests race.
 */
export function createResolveUserRoute(prisma: IdentityPrisma, secret: string): HttpRoute {
  const users = new ClerkUserService(prisma);
  return createInternalRoute({
    path: RESOLVE_USER_PATH,
    secret,
    input: signInClaimsSchema,
    handle: (profile): Promise<ResolvedUser> => retryOnEmailRace(() => users.resolveForSignIn(profile)),
  });
}
