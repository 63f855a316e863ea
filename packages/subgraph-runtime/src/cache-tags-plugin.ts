import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getNamedType } from 'graphql';

/**
 * The response extension carrying a subgraph response's entity tags to the gateway (`["Product:<id>", …]`), which
 * records a cached response under every tag its subgraph fetches returned and purges it when one of those entities
 * changes (gateway/src/cache/). The gateway reads it under this same name and never forwards it to clients.
 */
export const CACHE_TAGS_EXTENSION = 'cacheTags';

/** Which entities and collections tag a response. */
export interface CacheTagging {
  /**
   * Entity types tagged `<Type>:<id>` for every object of theirs a response read: the ones whose changes are announced
   * on the event backbone (`product.*`, `user.*`; categories have no change events yet, their tag is recorded so one
   * can be purged when they do). A type not listed is covered by its TTL only.
   */
  entityTypes: readonly string[];
  /**
   * Collection tags, by the return type (`ProductConnection`) or coordinate (`Category.productCount`) of the field
   * that reads the collection: a list is stale when an item joins or leaves it, which no item's own tag can say.
   */
  collections: Readonly<Record<string, string>>;
}

export const DEFAULT_CACHE_TAGGING: CacheTagging = {
  entityTypes: ['Product', 'Category', 'User'],
  collections: { ProductConnection: 'Product:list', 'Category.productCount': 'Product:list' },
};

/**
 * More distinct entities than this in one response and it is not worth caching: the response is made uncacheable
 * (`Cache-Control: no-store`, which the gateway merges) instead of sending a huge tag list. The largest page (100
 * listings with seller and category) stays far below it.
 */
export const MAX_CACHE_TAGS = 1_000;

/**
 * Records `<Type>:<id>` for every object of a tagged entity type whose fields this response resolved, whether it was
 * reached from a root field or through `_entities`, and the collection tag of every list it read: tags come from
 * what the subgraph read, not from what the client selected (a client need not select `id`). A WeakSet keeps the
 * cost to one check per object; the objects are the subgraph's own rows, all of which carry their `id`.
 */
export function cacheTagsPlugin<Context extends BaseContext>(tagging: CacheTagging = DEFAULT_CACHE_TAGGING, maxTags = MAX_CACHE_TAGS): ApolloServerPlugin<Context> {
  const tagged = new Set(tagging.entityTypes);
  const collections = new Map(Object.entries(tagging.collections));
  return {
    async requestDidStart() {
      const seen = new WeakSet<object>();
      const tags = new Set<string>();
      let overflowed = false;
      return {
        async executionDidStart({ overallCachePolicy }) {
          return {
            willResolveField({ source, info }) {
              if (overflowed) return;
              const collection = collections.get(getNamedType(info.returnType).name) ?? collections.get(`${info.parentType.name}.${info.fieldName}`);
              if (collection) tags.add(collection);
              if (typeof source !== 'object' || source === null || seen.has(source)) return;
              seen.add(source);
              const typeName = info.parentType.name;
              const id = (source as { id?: unknown }).id;
              if (!tagged.has(typeName) || (typeof id !== 'string' && typeof id !== 'number')) return;
              tags.add(`${typeName}:${id}`);
              if (tags.size > maxTags) {
                overflowed = true;
                tags.clear();
                // Untagged, it could never be purged: never cached instead.
                overallCachePolicy.restrict({ maxAge: 0 });
              }
            },
          };
        },
        async willSendResponse({ response }) {
          if (overflowed || response.body.kind !== 'single' || tags.size === 0) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [CACHE_TAGS_EXTENSION]: [...tags] };
        },
      };
    },
  };
}
