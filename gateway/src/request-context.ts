import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { RequestInfo } from '@threadly/http-server';
import type { GatewayContext, Principal } from './gateway-context.ts';

/**
 * Decides who a request comes from (`clientIp` identifies anonymous callers); throws a GraphQLError (401) for
 * credentials that do not verify.
 */
export type Authenticate = (req: IncomingMessage, clientIp: string) => Promise<Principal>;

/** Throws a GraphQLError (429, with Retry-After) when the principal is over its limit. */
export type EnforceRateLimit = (principal: Principal) => Promise<void>;

/**
 * Builds each request's context before the operation is even parsed, so a bad token or an exhausted rate limit
 * costs the gateway no parsing, planning or subgraph calls.
 */
export function createRequestContextFactory(
  authenticate: Authenticate,
  enforceRateLimit: EnforceRateLimit,
  clientIpOf: (req: IncomingMessage) => string,
) {
  return async (req: IncomingMessage, info: RequestInfo): Promise<GatewayContext> => {
    const clientIp = clientIpOf(req);
    let principal: Principal;
    try {
      principal = await authenticate(req, clientIp);
    } catch (error) {
      // A refused credential still costs its sender: without this, guessing tokens would be unlimited.
      if (isUnauthenticated(error)) await enforceRateLimit({ kind: 'anonymous', ip: clientIp });
      throw error;
    }
    await enforceRateLimit(principal);
    return { requestId: info.requestId, principal, viewer: principal.kind === 'user' ? principal.viewer : null };
  };
}

const isUnauthenticated = (error: unknown) => error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED';
