export type {
  ConsumeOptions,
  EventConsumerDefinition,
  EventDestination,
  EventDelivery,
  EventHandler,
  EventSubscription,
  EventTransport,
  OutboxRow,
  RunIdempotently,
} from './contracts.ts';
export { toOutboxRow } from './outbox-row.ts';
export { appendToOutbox, type OutboxWriter } from './outbox-writer.ts';
export { createOutboxSignal, type OutboxSignal } from './outbox-signal.ts';
export { startOutboxRelay, BACKGROUND_STATEMENT, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
export { startProcessedEventPruner, type ProcessedEventPruner, type ProcessedEventPrunerOptions } from './processed-event-pruner.ts';
export { defineEventConsumer, startEventConsumer, type ConsumeOutcome, type EventConsumer, type StartEventConsumerOptions } from './event-consumer.ts';
export { createPrismaRunIdempotently, type ProcessedEventWriter, type TransactionRunner } from './prisma-idempotency.ts';
export { UndeliverableEventError } from './undeliverable-event-error.ts';
export { retryDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
export { createMemoryEventTransport, type MemoryEventTransport, type MemoryEventTransportOptions } from './memory-transport.ts';
export type { MemoryDeadLetter } from './memory-stream.ts';
export { createRedisStreamTransport, DEFAULT_EVENT_STREAM, type RedisStreamTransport, type RedisStreamTransportOptions } from './redis-stream-transport.ts';
export { createEventTransport } from './event-transport-from-url.ts';
