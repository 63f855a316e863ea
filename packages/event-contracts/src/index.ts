export { defineEvent, eventEnvelopeSchema, type EventDefinition, type EventEnvelope } from './envelope.ts';
export {
  EVENT_DEFINITIONS,
  InvalidEventError,
  parseDomainEvent,
  type DomainEvent,
  type DomainEventOf,
  type DomainEventType,
} from './catalogue.ts';
export * from './order-events.ts';
export * from './product-events.ts';
export * from './user-events.ts';
export * from './message-events.ts';
