import { InvalidEventError, parseDomainEvent, type DomainEvent } from '@threadly/event-contracts';
import type { Logger } from '@threadly/logger';
import type { ConsumeOptions, EventConsumerDefinition, EventDelivery, EventSubscription, EventTransport } from './contracts.ts';
import { processInSpan } from './event-spans.ts';
import { UndeliverableEventError } from './undeliverable-event-error.ts';

export type ConsumeOutcome = 'handled' | 'duplicate' | 'ignored';

/**
 * A subgraph's consumer with its transaction type hidden, so the runtime can hold any subgraph's: it handles one
 * validated event, exactly once in effect.
 */
export interface EventConsumer {
  /** The consumer group, and the `consumer` column of the processed-event table. */
  name: string;
  handle(event: DomainEvent): Promise<ConsumeOutcome>;
}

/**
 * Binds a consumer definition: an event with a handler runs inside `runIdempotently`, so its effect and its
 * processed-event row commit together and a redelivery is a no-op; an event without one is ignored (and acked).
 */
export function defineEventConsumer<Tx>(definition: EventConsumerDefinition<Tx>): EventConsumer {
  return {
    name: definition.name,
    async handle(event) {
      // The handlers map is keyed by type, so the handler found takes exactly this event's type.
      const handler = definition.handlers[event.type] as ((event: DomainEvent, tx: Tx) => Promise<void>) | undefined;
      if (!handler) return 'ignored';
      return definition.runIdempotently(definition.name, event.id, (tx) => handler(event, tx));
    },
  };
}

export interface StartEventConsumerOptions extends ConsumeOptions {
  logger: Logger;
  /** Called after a handler's transaction committed (the subgraph pokes its relay: handlers may write events). */
  onHandled?: (event: DomainEvent) => void;
}

/**
 * Feeds the transport's deliveries to a consumer: each is validated (`parseDomainEvent`; an invalid one is
 * dead-lettered at once, as no retry can fix it), handled, and acknowledged by the transport only after the
 * handler's transaction committed. A handler that throws gets the event again, with backoff.
 */
export function startEventConsumer(consumer: EventConsumer, transport: EventTransport, options: StartEventConsumerOptions): EventSubscription {
  const { logger, onHandled, ...consumeOptions } = options;
  const handleDelivery = async ({ raw, attempt }: EventDelivery): Promise<ConsumeOutcome> => {
    let event: DomainEvent;
    try {
      event = parseDomainEvent(raw);
    } catch (error) {
      if (error instanceof InvalidEventError) throw new UndeliverableEventError(error.message, { cause: error });
      throw error;
    }
    const outcome = await consumer.handle(event);
    logger.debug({ eventId: event.id, type: event.type, attempt, outcome }, 'event consumed');
    if (outcome === 'handled') onHandled?.(event);
    return outcome;
  };
  return transport.consume(consumer.name, (delivery) => processInSpan(transport.destination, consumer.name, delivery, () => handleDelivery(delivery)), consumeOptions);
}
