import type { GatewayContext } from '../gateway-context.ts';

/** The wire name of the subgraphs' tag extension (packages/subgraph-runtime/src/cache-tags-plugin.ts writes it). */
export const SUBGRAPH_CACHE_TAGS_EXTENSION = 'cacheTags';

/** What one request's cache write needs to know besides the response: which entities it contains, and since when. */
export interface ResponseCacheRequestState {
  /** `<Type>:<id>` of every entity the subgraph fetches of this request read. */
  tags: Set<string>;
  /**
   * The invalidation sequence read in the same round trip as the first cache lookup, before any subgraph was asked.
   * Undefined when no lookup answered (the cache was unreachable): such a request never writes.
   */
  readSequence?: number;
}

export function responseCacheStateOf(context: GatewayContext): ResponseCacheRequestState {
  return (context.responseCache ??= { tags: new Set() });
}

/**
 * Adds a subgraph response's entity tags to its request. The response is read, not changed: an in-flight fetch
 * shared by several requests hands every one of them the same body. The gateway's executor never copies subgraph
 * extensions into the client's response, so the tags stay between the subgraphs and the gateway.
 */
export function recordSubgraphCacheTags(context: GatewayContext, response: { extensions?: Record<string, unknown> }): void {
  const tags = response.extensions?.[SUBGRAPH_CACHE_TAGS_EXTENSION];
  if (!Array.isArray(tags) || tags.length === 0) return;
  const state = responseCacheStateOf(context);
  for (const tag of tags) if (typeof tag === 'string') state.tags.add(tag);
}
