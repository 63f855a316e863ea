import type { DomainEventOf, DomainEventType } from '@threadly/event-contracts';
import type { EventConsumer } from '@threadly/events';

/** Older events are history, not news: a new publisher group, which reads the stream from its start, skips them. */
export const MAX_SUBSCRIPTION_EVENT_AGE_MS = 5 * 60_000;

export type SubscriptionEventHandlers = { [Type in DomainEventType]?: (event: DomainEventOf<Type>) => Promise<void> };

/**
 * A subgraph's subscription-event publisher: a consumer group of its own (`<subgraph>-subscriptions`) over the
 * domain event stream, so that across replicas each committed event is handled by one of them, which publishes
 * it to pub/sub, from where every replica's subscribers receive it. No processed-event table: publishing is not a
 * database effect, and a redelivered event is dropped by the subscribers, who remember recent event ids.
 */
export function defineSubscriptionPublisher(subgraph: string, handlers: SubscriptionEventHandlers, now = () => Date.now()): EventConsumer {
  return {
    name: `${subgraph}-subscriptions`,
    async handle(event) {
      // The handlers map is keyed by type, so the handler found takes exactly this event's type.
      const handler = handlers[event.type] as ((event: DomainEventOf<DomainEventType>) => Promise<void>) | undefined;
      if (!handler || now() - Date.parse(event.occurredAt) > MAX_SUBSCRIPTION_EVENT_AGE_MS) return 'ignored';
      await handler(event);
      return 'handled';
    },
  };
}
