import type { z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope } from './envelope.ts';
import { conversationRead, messageSent } from './message-events.ts';
import { orderCancelled, orderDelivered, orderPaid, orderPlaced, orderRefunded, orderShipped } from './order-events.ts';
import { productCreated, productStatusChanged, productUpdated } from './product-events.ts';
import { userDeleted, userUpdated } from './user-events.ts';

/** Every event of the supergraph, by `type@version`. */
export const EVENT_DEFINITIONS = [
  orderPlaced,
  orderPaid,
  orderShipped,
  orderDelivered,
  orderCancelled,
  orderRefunded,
  productCreated,
  productUpdated,
  productStatusChanged,
  messageSent,
  conversationRead,
  userUpdated,
  userDeleted,
] as const;

type Definition = (typeof EVENT_DEFINITIONS)[number];
/** Any known event, its payload typed by its `type`. */
export type DomainEvent = { [D in Definition as D['type']]: EventEnvelope<D['type'], z.output<D['schema']>> }[Definition['type']];
export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<Type extends DomainEventType> = Extract<DomainEvent, { type: Type }>;

const byKey = new Map<string, Definition>(EVENT_DEFINITIONS.map((definition) => [`${definition.type}@${definition.version}`, definition]));

export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

/** Validates an event read from the stream: its envelope, that its type and version are known, and its payload. */
export function parseDomainEvent(raw: unknown): DomainEvent {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new InvalidEventError(`malformed event envelope: ${envelope.error.issues[0]?.message}`);
  const definition = byKey.get(`${envelope.data.type}@${envelope.data.version}`);
  if (!definition) throw new InvalidEventError(`unknown event ${envelope.data.type} version ${envelope.data.version}`);
  const payload = definition.schema.safeParse(envelope.data.payload);
  if (!payload.success) {
    throw new InvalidEventError(`${envelope.data.type}@${envelope.data.version} payload: ${payload.error.issues[0]?.path.join('.')} ${payload.error.issues[0]?.message}`);
  }
  // A dropped (malformed) trace context leaves no `traceparent: undefined` key behind.
  const { traceparent, tracestate, ...event } = envelope.data;
  return { ...event, ...(traceparent && { traceparent }), ...(tracestate && { tracestate }), payload: payload.data } as DomainEvent;
}
