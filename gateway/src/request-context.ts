import type { IncomingMessage } from 'node:http';
import type { RequestInfo } from '@threadly/http-server';
import type { GatewayContext, Principal } from './gateway-context.ts';

/** Decides who a request comes from; throws a GraphQLError (401) for credentials that do not verify. */
export type Authenticate = (req: IncomingMessage) => Promise<Principal>;

/** Throws a GraphQLError (429, with Retry-After) when the principal is over its limit. */
export type EnforceRateLimit = (principal: Principal) => Promise<void>;

/**
 * Builds each request's context before the operation is even parsed, so a bad token or an exhausted rate limit
 * costs the gateway no parsing, planning or subgraph calls.
 */
export function createRequestContextFactory(authenticate: Authenticate, enforceRateLimit: EnforceRateLimit) {
  return async (req: IncomingMessage, info: RequestInfo): Promise<GatewayContext> => {
    const principal = await authenticate(req);
    await enforceRateLimit(principal);
    return { requestId: info.requestId, principal, viewer: principal.kind === 'user' ? principal.viewer : null };
  };
}

/** The caller's address: the socket's, since the gateway is the edge (a proxy in front would be configured here). */
export const clientIpOf = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
