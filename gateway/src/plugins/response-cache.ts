import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GatewayContext, Principal } from '../gateway-context.ts';

export const CACHE_STATUS_HEADER = 'x-cache';

/**
 * Whose PRIVATE entries a request may read and write: the verified user (with their role, so a role change does not
 * serve answers computed for the old one), the partner, or nobody (anonymous requests never cache PRIVATE answers).
 * The prefixes keep a user id and a partner id from ever naming the same session.
 */
export function cacheSessionId(principal: Principal): string | null {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.viewer.userId}:${principal.viewer.role}`;
    case 'partner':
      return `partner:${principal.partnerId}`;
    case 'anonymous':
      return null;
  }
}

/**
 * Whole-response caching at the gateway. The policy of a response is the most restrictive of the subgraphs' own
 * (each answers with `Cache-Control` from its @cacheControl hints; the gateway's data sources merge them): the
 * shortest maxAge, PRIVATE if any part is, nothing cached if any part is uncacheable or the response has an error.
 * Mutations are never cached. PUBLIC answers are shared by everyone (separately for anonymous and for identified
 * callers, as the plugin does); PRIVATE ones only within one `cacheSessionId`.
 */
export function responseCachePlugins(cache: KeyValueCache<string>): ApolloServerPlugin<GatewayContext>[] {
  return [
    responseCachePlugin<GatewayContext>({
      cache,
      sessionId: async ({ contextValue }) => cacheSessionId(contextValue.principal),
    }),
    cacheStatusHeaderPlugin(),
  ];
}

/**
 * `x-cache: HIT` (served from the cache), `MISS` (looked up, then stored) or `BYPASS` (not cacheable); and
 * `Cache-Control: no-store` on mutations, whatever the hints of the types they return.
 */
function cacheStatusHeaderPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
        },
        async willSendResponse(requestContext) {
          requestContext.response.http.headers.set(CACHE_STATUS_HEADER, cacheStatus(requestContext));
        },
      };
    },
  };
}

function cacheStatus(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>): 'HIT' | 'MISS' | 'BYPASS' {
  if (requestContext.operation?.operation !== 'query') return 'BYPASS';
  if (requestContext.metrics.responseCacheHit) return 'HIT';
  const { body } = requestContext.response;
  const policy = requestContext.overallCachePolicy.policyIfCacheable();
  if (body.kind !== 'single' || body.singleResult.errors || !body.singleResult.data || !policy) return 'BYPASS';
  if (policy.scope === 'PRIVATE' && cacheSessionId(requestContext.contextValue.principal) === null) return 'BYPASS';
  return 'MISS';
}
