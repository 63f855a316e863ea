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

/** A request refused before it had a context: its credentials did not verify (no principal), or it is over its limit. */
export interface RefusedRequest {
  req: IncomingMessage;
  info: RequestInfo;
  error: unknown;
  /** Who it came from, when that was established before the refusal (a rate-limited request). */
  principal: Principal | undefined;
  /** `performance.now()` when it arrived. */
  receivedAt: number;
}

/**
 * Builds each request's context before the operation is even parsed, so a bad token or an exhausted rate limit
 * costs the gateway no parsing, planning or subgraph calls. `onRefused` hears of each request refused here (Apollo
 * answers those without running any plugin hook that knows the request; request-log/refused-request-log.ts).
 */
export function createRequestContextFactory(
  authenticate: Authenticate,
  enforceRateLimit: EnforceRateLimit,
  clientIpOf: (req: IncomingMessage) => string,
  onRefused?: (refused: RefusedRequest) => void,
) {
  return async (req: IncomingMessage, info: RequestInfo): Promise<GatewayContext> => {
    const receivedAt = performance.now();
    const clientIp = clientIpOf(req);
    let principal: Principal | undefined;
    try {
      try {
        principal = await authenticate(req, clientIp);
      } catch (error) {
        // A refused credential still costs its sender: without this, guessing tokens would be unlimited.
        if (isUnauthenticated(error)) await enforceRateLimit({ kind: 'anonymous', ip: clientIp });
        throw error;
      }
      await enforceRateLimit(principal);
    } catch (error) {
      onRefused?.({ req, info, error, principal, receivedAt });
      throw error;
    }
    return { requestId: info.requestId, receivedAt, principal, viewer: principal.kind === 'user' ? principal.viewer : null };
  };
}

const isUnauthenticated = (error: unknown) => error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED';
