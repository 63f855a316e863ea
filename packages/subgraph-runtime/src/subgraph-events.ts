import type { Pool } from '@threadly/database';
import { isDatabaseUnavailable } from '@threadly/errors';
import { startEventConsumer, startOutboxRelay, startProcessedEventPruner, type EventTransport, type OutboxRelayOptions } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { SubgraphDefinition } from './subgraph-definition.ts';

/** What a caller may set on the subgraph's outbox relay: its pace, and hooks for its metrics. */
export type SubgraphRelayOptions = Pick<OutboxRelayOptions, 'pollIntervalMs' | 'batchSize' | 'onPublished' | 'onFailure'>;

export interface SubgraphEvents {
  /** Publishes everything in the outbox now; resolves with how many events went out. */
  flush(): Promise<number>;
  /** Stops consuming (the delivery in hand finishes), publishes what is left in the outbox, stops the relay. */
  stop(): Promise<void>;
}

/**
 * A subgraph's side of the event backbone: the relay of its outbox (when it has one), its consumer (when it
 * has one, with the pruner of its processed-event table) and its subscription-event publisher (when it has
 * subscriptions). A handled event may have written outbox rows in the handler's transaction, so it pokes the relay.
 */
export function startSubgraphEvents(
  definition: Pick<SubgraphDefinition, 'databaseSchema' | 'outbox' | 'eventConsumer' | 'extraEventConsumers' | 'subscriptions'>,
  { pool, transport, logger, relay: relayOptions }: { pool: Pool; transport: EventTransport; logger: Logger; relay?: SubgraphRelayOptions },
): SubgraphEvents {
  const relay = definition.outbox ? startOutboxRelay({ pool, schema: definition.databaseSchema, transport, logger, ...relayOptions }) : undefined;
  const stopListening = relay && definition.outbox?.signal?.onPoke(() => relay.poke());
  const consumers = [definition.eventConsumer, ...(definition.extraEventConsumers ?? [])]
    .filter((consumer) => consumer !== undefined)
    // A handler failing because PostgreSQL is restarting is retried until it is back, never dead-lettered.
    .map((consumer) => startEventConsumer(consumer, transport, { logger, onHandled: () => relay?.poke(), isTransientFailure: isDatabaseUnavailable }));
  // The consumers' record of handled events, kept for a week (longer than any redelivery), not forever.
  const pruner = consumers.length > 0 ? startProcessedEventPruner({ pool, schema: definition.databaseSchema, logger }) : undefined;
  // Its own group: publishing subscription events must neither wait for nor be retried with the domain consumer.
  const publisher = definition.subscriptions ? startEventConsumer(definition.subscriptions.publisher, transport, { logger, isTransientFailure: isDatabaseUnavailable }) : undefined;
  return {
    flush: async () => (relay ? relay.flush() : 0),
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await publisher?.stop();
      await pruner?.stop();
      stopListening?.();
      if (!relay) return;
      try {
        await relay.flush();
      } catch (error) {
        // Nothing is lost: the events stay in the outbox and the next start publishes them.
        logger.error({ err: error }, 'could not publish the outbox before stopping; it is published at the next start');
      }
      await relay.stop();
    },
  };
}
