import type { EventTransport } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import { startResponseCachePurger } from './response-cache-purger.ts';
import { createResponseCacheStore, type ResponseCacheStore, type ResponseCacheStoreOptions } from './response-cache-store.ts';

export interface RunningResponseCache {
  store: ResponseCacheStore;
  /** Stops purging (the event in hand finishes), then closes the store. */
  stop(): Promise<void>;
}

/**
 * A response cache is only safe with its purger: the store (Redis or in-process) and a consumer of `events` that
 * purges the entries of every entity an event says changed. `events` must carry the subgraphs' events to this
 * process (Redis Streams, or the in-process transport when everything runs in one process).
 */
export async function startResponseCache(
  options: ResponseCacheStoreOptions & { events: EventTransport; logger: Logger; group?: string },
): Promise<RunningResponseCache> {
  const store = await createResponseCacheStore(options);
  const purger = startResponseCachePurger({ store, events: options.events, logger: options.logger, group: options.group });
  return {
    store,
    async stop() {
      await purger.stop();
      await store.close();
    },
  };
}
