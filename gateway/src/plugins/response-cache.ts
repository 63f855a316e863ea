import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { createHash } from 'node:crypto';
import { responseCacheStateOf } from '../cache/request-cache-state.ts';
import { responseCacheMetrics } from '../cache/response-cache-metrics.ts';
import type { ResponseCacheStatus } from '../metrics/cache-metrics.ts';
import { isChangingTag } from '../cache/response-cache-purger.ts';
import type { ResponseCache } from '../cache/response-cache-store.ts';
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
 *
 * Each entry is recorded under the entity tags the subgraphs returned for its request and purged when an event says
 * one of those entities changed (see cache/tagged-response-cache.ts). The plugin's key hook is where a lookup or a
 * write learns its request: it hands the request's tags and read sequence to the cache call that follows.
 */
export function responseCachePlugins(cache: ResponseCache, onStatus?: (status: ResponseCacheStatus) => void): ApolloServerPlugin<GatewayContext>[] {
  return [
    responseCachePlugin<GatewayContext>({
      cache,
      sessionId: async ({ contextValue }) => cacheSessionId(contextValue.principal),
      // The key is a hash of the variables' JSON: variables nested too deep for JSON.stringify's recursion would throw
      // there (a 500); such a request is refused by GraphQL's own variable checks, so it is simply not cached.
      shouldReadFromCache: async ({ request }) => nestingDepthAtMost(request.variables, MAX_CACHED_VARIABLE_DEPTH),
      shouldWriteToCache: async ({ request }) => nestingDepthAtMost(request.variables, MAX_CACHED_VARIABLE_DEPTH),
      generateCacheKey: (requestContext, keyData) => {
        // The plugin types this hook with a generic context; it is the gateway's own.
        const state = responseCacheStateOf(requestContext.contextValue as GatewayContext);
        const { sessionId } = keyData as { sessionId?: string };
        cache.forNextCall(state, sessionId ? [sessionTag(sessionId)] : []);
        return defaultCacheKey(keyData);
      },
    }),
    cacheStatusHeaderPlugin(onStatus),
    purgeOnMutationPlugin(cache),
  ];
}

/** The tag of every PRIVATE entry of one session: its mutations purge it (favorites, own listings, own profile). */
export const sessionTag = (sessionId: string) => `Session:${sessionId}`;

/**
 * Read-your-writes for the caller of a mutation, without waiting for the events: before its response leaves, the
 * entities the mutation returned (their tags came back with it) and every PRIVATE entry of the caller's session are
 * purged. Changes made by others, or later (a payment settling, an account deletion), arrive as events.
 */
function purgeOnMutationPlugin(cache: ResponseCache): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, logger }) {
          if (operation?.operation !== 'mutation') return;
          const sessionId = cacheSessionId(contextValue.principal);
          // Categories in a mutation's answer (a listing's category) did not change: their entries stay.
          const changed = [...(contextValue.responseCache?.tags ?? [])].filter(isChangingTag);
          const tags = sessionId ? [...changed, sessionTag(sessionId)] : changed;
          try {
            await cache.purge(tags);
          } catch (err) {
            // The cache is unreachable, so nothing is served from it either; the events purge again later.
            logger.warn(`response cache purge after a mutation failed: ${(err as Error).message}`);
          }
        },
      };
    },
  };
}

/**
 * `x-cache: HIT` (served from the cache), `MISS` (looked up, then stored) or `BYPASS` (not cacheable); and
 * `Cache-Control: no-store` on mutations, whatever the hints of the types they return.
 */
function cacheStatusHeaderPlugin(onStatus?: (status: ResponseCacheStatus) => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
        },
        async willSendResponse(requestContext) {
          const status = cacheStatus(requestContext);
          requestContext.response.http.headers.set(CACHE_STATUS_HEADER, status);
          countCacheStatus(status);
          onStatus?.(status);
        },
      };
    },
  };
}

function cacheStatus(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>): ResponseCacheStatus {
  if (requestContext.operation?.operation !== 'query') return 'BYPASS';
  if (requestContext.metrics.responseCacheHit) return 'HIT';
  const { body } = requestContext.response;
  const policy = requestContext.overallCachePolicy.policyIfCacheable();
  if (body.kind !== 'single' || body.singleResult.errors || !body.singleResult.data || !policy) return 'BYPASS';
  if (policy.scope === 'PRIVATE' && cacheSessionId(requestContext.contextValue.principal) === null) return 'BYPASS';
  return 'MISS';
}

/** Far deeper than any real operation's variables (the deepest input type is a few levels). */
const MAX_CACHED_VARIABLE_DEPTH = 32;

/** Whether `value` nests no deeper than `max` levels; walked with a stack, since JSON can nest thousands deep. */
function nestingDepthAtMost(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return false;
    for (const inner of Object.values(item)) pending.push([inner, depth + 1]);
  }
  return true;
}

/** The plugin's own key (sha-256 of the key data's JSON), so entries keep the `fqc:<sha>` keys they always had. */
function defaultCacheKey(keyData: unknown): string {
  return createHash('sha256').update(JSON.stringify(keyData)).digest('hex');
}

function countCacheStatus(status: ResponseCacheStatus) {
  if (status === 'HIT') responseCacheMetrics.hits += 1;
  else if (status === 'MISS') responseCacheMetrics.misses += 1;
  else responseCacheMetrics.bypasses += 1;
}
