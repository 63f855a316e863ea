import type { GraphQLResolveInfo } from 'graphql';
import { forbidden, unauthenticated } from '@threadly/errors';
import type { Viewer } from '@threadly/identity-headers';

/**
 * The auth scopes every subgraph's builder declares (Pothos scope-auth), so a rule reads the same in all four:
 * - `signedIn`: any signed-in viewer;
 * - `admin`: a viewer with the ADMIN role (moderation);
 * - `self: userId | [userIds]`: the viewer is that user, or one of those users (an order's buyer or seller,
 *   a conversation's participants).
 * Several scopes in one map mean "any of them": `{ self: user.id, admin: true }`. A boolean scope ignores its
 * value, so `admin: false` still admits admins: leave the key out instead.
 */
export interface ViewerAuthScopes {
  signedIn: boolean;
  admin: boolean;
  self: string | readonly string[];
}

/** Whoever passed one of the scopes is signed in, so a resolver behind `t.authField` sees a non-null viewer. */
export type ViewerAuthContexts<Context extends { viewer: Viewer | null }> = Record<keyof ViewerAuthScopes, Context & { viewer: Viewer }>;

/** The scope initializer: what this request's viewer holds. Evaluated once per request, on first use. */
export function viewerAuthScopes(viewer: Viewer | null) {
  return {
    signedIn: viewer !== null,
    admin: viewer?.role === 'ADMIN',
    self: viewer ? (userIds: string | readonly string[]) => (typeof userIds === 'string' ? [userIds] : userIds).includes(viewer.userId) : false,
  };
}

/**
 * What a refused field answers: UNAUTHENTICATED when nobody is signed in (signing in might help), FORBIDDEN when
 * the viewer is known but not allowed. Errors thrown while evaluating a scope (NOT_FOUND for a listing the viewer
 * cannot see) are not caught by the plugin and reach the client as they are.
 */
export function scopeAuthError(_parent: unknown, context: { viewer: Viewer | null }, info: GraphQLResolveInfo) {
  if (!context.viewer) return unauthenticated();
  return forbidden(`You are not allowed to access ${info.parentType.name}.${info.fieldName}.`);
}

/**
 * The viewer of a field whose auth scopes already required one, for the few fields whose scopes are functions of
 * the loaded object (Pothos cannot narrow the context type through those). Scopes run before the resolver, so
 * this only narrows the type; should a field ever lose its scope it still fails closed.
 */
export function scopedViewer(context: { viewer: Viewer | null }): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}
