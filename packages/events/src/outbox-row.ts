import type { DomainEvent } from '@threadly/event-contracts';
import type { OutboxRow } from './contracts.ts';

/** The outbox row for an event, written with the change it describes: `tx.outboxEvent.createMany({ data: events.map(toOutboxRow) })`. */
export const toOutboxRow = (event: DomainEvent): OutboxRow => ({
  id: event.id,
  type: event.type,
  version: event.version,
  aggregateId: event.aggregateId,
  payload: event.payload as object,
  occurredAt: new Date(event.occurredAt),
});
