import { booleanString } from '@threadly/config';

/** The gateway's response cache switch; spread into the gateway's env shape. Redis comes from REDIS_URL (edge-env.ts). */
export const responseCacheEnvShape = {
  /**
   * Whole-response caching by the subgraphs' cache hints, purged by entity tag when the subgraphs' events say a
   * listing or profile changed. A standalone gateway needs REDIS_URL for it (the events and the shared store): without
   * it the gateway could not hear the changes and serves uncached.
   */
  RESPONSE_CACHE_ENABLED: booleanString.default(true),
};
