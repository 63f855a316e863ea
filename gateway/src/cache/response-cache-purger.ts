import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DomainEvent } from '@threadly/event-contracts';
import { defineEventConsumer, startEventConsumer, type EventSubscription, type EventTransport, type RunIdempotently } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { ResponseCacheStore } from './response-cache-store.ts';

/** The consumer group of every gateway sharing one Redis cache: a purge done by one replica is done for all. */
export const RESPONSE_CACHE_CONSUMER = 'gateway-response-cache';

/** The entity types whose changes arrive as events, hence the only ones a mutation can have changed. */
export const CHANGING_TYPES: readonly string[] = ['Product', 'User'];

/** Whether a tag (`Product:<id>`, `Product:list`, `User:<id>`) belongs to an entity type that changes. */
export const isChangingTag = (tag: string) => CHANGING_TYPES.includes(tag.slice(0, tag.indexOf(':')));

/**
 * The tags an event makes stale. A product event covers the listing wherever it is cached (alone, in a list, as a
 * favorite, in a cart line) and every cached product list and count (`Product:list`): a new, re-published,
 * re-priced or re-categorised listing may now belong to a list that never contained it. Categories have no change
 * events yet (the tree changes with deployments); their 24-hour tier is all that bounds them.
 */
export function cacheTagsForEvent(event: DomainEvent): string[] {
  switch (event.type) {
    case 'product.created':
    case 'product.updated':
    case 'product.status_changed':
      return [`Product:${event.payload.productId}`, 'Product:list'];
    case 'user.updated':
    case 'user.deleted':
      return [`User:${event.payload.userId}`];
    default:
      return [];
  }
}

// A purge deletes what is there and stamps the tags again: a redelivered event does no harm, so no processed-event
// table is needed.
const purgeIsIdempotent: RunIdempotently<undefined> = async (_consumer, _eventId, work) => {
  await work(undefined);
  return 'handled';
};

export interface ResponseCachePurgerOptions {
  store: Pick<ResponseCacheStore, 'cache' | 'backend'>;
  events: EventTransport;
  logger: Logger;
  /**
   * The consumer group. Default: one group for a Redis cache (every replica shares the entries, so one purge is
   * enough); one group per process for an in-process cache, because each process holds its own entries.
   */
  group?: string;
}

/**
 * Makes the gateway a consumer of the event backbone: each listing or profile change purges the cached responses
 * that contain it. A purge that fails (Redis down) throws, so the event comes again with backoff.
 */
export function startResponseCachePurger({ store, events, logger, group }: ResponseCachePurgerOptions): EventSubscription {
  const handler = async (event: DomainEvent) => {
    const tags = cacheTagsForEvent(event);
    const purged = await store.cache.purge(tags);
    logger.debug({ eventId: event.id, type: event.type, tags, purged }, 'response cache purged');
  };
  // An in-memory cache is this process's own, so is the group that purges it (created at the stream's end,
  // destroyed on stop); a Redis cache is shared, and so is its group.
  const processGroup = store.backend !== 'redis' && group === undefined;
  const consumer = defineEventConsumer<undefined>({
    name: group ?? (processGroup ? `${RESPONSE_CACHE_CONSUMER}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` : RESPONSE_CACHE_CONSUMER),
    handlers: {
      'product.created': handler,
      'product.updated': handler,
      'product.status_changed': handler,
      'user.updated': handler,
      'user.deleted': handler,
    },
    runIdempotently: purgeIsIdempotent,
  });
  return startEventConsumer(consumer, events, { logger, processGroup });
}
