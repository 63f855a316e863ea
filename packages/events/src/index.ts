export type {
  ConsumeOptions,
  EventConsumerDefinition,
  EventDelivery,
  EventHandler,
  EventSubscription,
  EventTransport,
  OutboxRow,
  RunIdempotently,
} from './contracts.ts';
export { toOutboxRow } from './outbox-row.ts';
