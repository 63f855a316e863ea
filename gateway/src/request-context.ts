import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { RequestInfo } from '@threadly/http-server';
import type { GatewayContext, Principal } from './gateway-context.ts';

/** What sign-in reads of a request: its headers only, so the Router coprocessor can authenticate what it is sent. */
export type RequestHeaders = Pick<IncomingMessage, 'headers'>;

/**
 * Decides who a request comes from (`clientIp` identifies anonymous callers); throws a GraphQLError (401) for
 * credentials that do not verify.
 */
export type Authenticate = (req: RequestHeaders, clientIp: string) => Promise<Principal>;

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
    let principal: Principal | undefined;
    try {
      principal = await admitRequest(authenticate, enforceRateLimit, req, clientIpOf(req), (known) => (principal = known));
    } catch (error) {
      onRefused?.({ req, info, error, principal, receivedAt });
      throw error;
    }
    return { requestId: info.requestId, receivedAt, principal, viewer: principal.kind === 'user' ? principal.viewer : null };
  };
}

/**
 * Who is asking, and whether they may ask now: sign-in, then their rate limit. Throws the GraphQLError to answer
 * with (401, 429). `onAuthenticated` hears the principal before its limit is checked, for a refusal's log line.
 * Shared by the gateway's context factory and the Router coprocessor (router-coprocessor/).
 */
export async function admitRequest(
  authenticate: Authenticate,
  enforceRateLimit: EnforceRateLimit,
  req: RequestHeaders,
  clientIp: string,
  onAuthenticated?: (principal: Principal) => void,
): Promise<Principal> {
  let principal: Principal;
  try {
    principal = await authenticate(req, clientIp);
  } catch (error) {
    // A refused credential still costs its sender: without this, guessing tokens would be unlimited.
    if (isUnauthenticated(error)) await enforceRateLimit({ kind: 'anonymous', ip: clientIp });
    throw error;
  }
  onAuthenticated?.(principal);
  await enforceRateLimit(principal);
  return principal;
}

const isUnauthenticated = (error: unknown) => error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED';
