import type { EventConsumerDefinition } from '@threadly/events';
import type { SearchCache } from './search-cache.ts';
import type { SearchEngine } from './search-engine.ts';

/** The search indexer's consumer group: apart from catalog's own, so a slow index never holds up orders. */
export const SEARCH_INDEXER_CONSUMER = 'catalog-search';

/**
 * Keeps the index in step with catalog's product events (outbox → stream → here): each event re-derives its
 * listing from the database (indexed while ACTIVE, removed otherwise), then clears the cached searches that could
 * show it. Re-deriving makes every delivery idempotent and order-insensitive: a late `product.updated` cannot
 * resurrect a sold listing, because the database already says SOLD. A failure (index or cache down) throws, and
 * the event comes again with backoff; after the last attempt it is dead-lettered and the consistency check
 * (`npm run search:check`) reports the drift it leaves.
 *
 * Because every delivery is idempotent by itself, no processed-event row is written (and no transaction held
 * around the engine call, which on the embedded single-connection database would wait for itself).
 */
export function createSearchIndexerConsumer(engine: SearchEngine, cache: SearchCache): EventConsumerDefinition<void> {
  const reindexListing = async ({ payload }: { payload: { productId: string; categoryId: string } }) => {
    const { categoryIds } = await engine.sync([payload.productId]);
    await cache.invalidate({ productIds: [payload.productId], categoryIds: [...new Set([...categoryIds, payload.categoryId])] });
  };
  return {
    name: SEARCH_INDEXER_CONSUMER,
    handlers: { 'product.created': reindexListing, 'product.updated': reindexListing, 'product.status_changed': reindexListing },
    runIdempotently: async (_consumer, _eventId, work) => {
      await work();
      return 'handled';
    },
  };
}
