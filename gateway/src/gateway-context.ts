import type { Viewer } from '@threadly/identity-headers';
import type { ResponseCacheRequestState } from './cache/request-cache-state.ts';
import type { SubgraphFetchLog } from './request-log/subgraph-fetch-log.ts';

/** Who a request comes from, as far as the gateway could establish it. */
export type Principal =
  | { kind: 'user'; viewer: Viewer }
  /** `rateLimit`: the partner's own requests per window, when identity has one for it (else RATE_LIMIT_PARTNER). */
  | { kind: 'partner'; partnerId: string; rateLimit?: number }
  | { kind: 'anonymous'; ip: string };

/** Per-request state the gateway's plugins and data sources share. */
export interface GatewayContext {
  requestId: string;
  /** `performance.now()` when the request reached the gateway (before sign-in and rate limit), for its log line. */
  receivedAt: number;
  principal: Principal;
  /** The signed-in user, or null; what subgraphs receive in the signed viewer header. */
  viewer: Viewer | null;
  /** Entity tags and invalidation sequence for the response cache, created on first use (cache/request-cache-state.ts). */
  responseCache?: ResponseCacheRequestState;
  /** Each subgraph fetch of this request, when its log line wants them (request-log/subgraph-fetch-log.ts). */
  subgraphFetches?: SubgraphFetchLog;
}
