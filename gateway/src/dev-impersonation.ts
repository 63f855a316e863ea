import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Viewer, ViewerRole } from '@threadly/identity-headers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set<ViewerRole>(['BUYER', 'SELLER', 'ADMIN']);

/**
 * Development only, until Clerk sign-in lands: `x-dev-user-id: <user uuid>` (and optionally
 * `x-dev-user-role`) acts as that user. Off unless DEV_IMPERSONATION=true, refused in production by config.
 */
export function viewerFromDevHeaders(req: IncomingMessage): Viewer | null {
  const userId = req.headers['x-dev-user-id'];
  if (typeof userId !== 'string' || userId === '') return null;
  const role = (req.headers['x-dev-user-role'] ?? 'BUYER') as ViewerRole;
  if (!UUID.test(userId) || !ROLES.has(role)) {
    throw new GraphQLError('x-dev-user-id must be a user uuid and x-dev-user-role one of BUYER, SELLER, ADMIN.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return { userId, role };
}
