import { booleanString } from '@threadly/config';

/** The gateway's response cache switch; spread into the gateway's env shape. Redis comes from REDIS_URL (edge-env.ts). */
export const responseCacheEnvShape = {
  /**
   * Whole-response caching by the subgraphs' cache hints. Off by default until cached responses are purged when the
   * entities in them change (events → entity tags): until then a sold listing could stay "available" in a cached
   * answer for up to its maxAge, and correct beats fast.
   */
  RESPONSE_CACHE_ENABLED: booleanString.default(false),
};
