import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';

/**
 * `@cacheControl`, as Apollo Server's cache control plugin reads it. Each subgraph declares it in its own SDL and
 * computes a policy per response, sent back as `Cache-Control`; the gateway's data sources merge those headers
 * into the overall policy (the most restrictive wins), so the directive never needs to reach the supergraph.
 */
export const cacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: 'Whether a cached response may be shared between viewers (PUBLIC) or only served to the one who asked (PRIVATE).',
  values: { PUBLIC: { value: 'PUBLIC' }, PRIVATE: { value: 'PRIVATE' } },
});

export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long a response containing this type or field may be cached, and by whom.',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: cacheControlScope },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

export type CacheHint = {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
};

/** The `Directives` entry of a subgraph builder's SchemaTypes (Pothos directives plugin). */
export type CacheControlDirectives = {
  cacheControl: { locations: 'FIELD_DEFINITION' | 'OBJECT' | 'INTERFACE' | 'UNION'; args: CacheHint };
};

/**
 * The TTL tiers every subgraph uses. A composite type without a hint counts as maxAge 0 (uncacheable), so value
 * types nested in cacheable ones (Money, connections, edges, PageInfo) say `inherit`.
 */
export const cacheTiers = {
  /** The category tree: changes with a deployment, not with traffic. */
  category: { maxAge: 86_400, scope: 'PUBLIC' },
  /** A listing or a public profile. */
  entity: { maxAge: 3_600, scope: 'PUBLIC' },
  /** Search results, lists and counts: they move with every new listing. */
  list: { maxAge: 300, scope: 'PUBLIC' },
  /** Anything about the viewer: cached only for that viewer, no longer than what contains it. */
  viewer: { scope: 'PRIVATE' },
  /** The viewer's own list (`me`, favorites): short and private. */
  viewerList: { maxAge: 300, scope: 'PRIVATE' },
  /** Carts, orders and messages: never cached. */
  uncached: { maxAge: 0 },
  /** Value types: as long as whatever contains them. */
  inherit: { inheritMaxAge: true },
} as const satisfies Record<string, CacheHint>;

/** `directives: cacheHint(cacheTiers.list)` on a Pothos type or field. */
export function cacheHint(hint: CacheHint): { cacheControl: CacheHint } {
  return { cacheControl: hint };
}

/** What Apollo Server's cache control plugin puts on `info` (typed here rather than through its internal types package). */
type InfoWithCacheControl = { cacheControl?: { cacheHint: { restrict(hint: CacheHint): void } } };

/**
 * Narrows the current field's policy at run time, for answers whose audience depends on the data (a draft
 * listing only its seller sees). No-op outside Apollo Server, e.g. in unit tests calling resolvers directly.
 */
export function restrictCacheHint(info: object, hint: CacheHint): void {
  (info as InfoWithCacheControl).cacheControl?.cacheHint.restrict(hint);
}
