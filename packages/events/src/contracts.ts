import type { DomainEvent, DomainEventOf, DomainEventType } from '@threadly/event-contracts';

/**
 * Moves published events between processes. Two implementations share these semantics: Redis Streams (consumer
 * groups, XREADGROUP/XACK, pending-entry reclaim) and an in-process one for the embedded default.
 * Delivery is at least once; consumers make it exactly once in effect with a processed-event table.
 */
export interface EventTransport {
  /** What spans say the events travel on (`messaging.system`, `messaging.destination.name`). */
  readonly destination: EventDestination;
  /** Appends events to the stream; resolves once the transport has them durably (XADD returned). */
  publish(events: DomainEvent[]): Promise<void>;
  /** Starts delivering to `group` (one group per consuming subgraph; replicas share it). */
  consume(group: string, deliver: (delivery: EventDelivery) => Promise<void>, options?: ConsumeOptions): EventSubscription;
  /**
   * Resolves once every group has handled (or dead-lettered) everything published so far, or after `timeoutMs`.
   * Only the in-process transport has it: its log dies with the process, so shutdown lets it run dry first.
   */
  settle?(timeoutMs: number): Promise<void>;
  /** Stops every subscription still running and releases connections. */
  close(): Promise<void>;
}

export interface EventDestination {
  system: 'redis' | 'in-memory';
  /** The stream's key (the in-process transport uses the default key's name). */
  name: string;
}

export interface ConsumeOptions {
  /** This replica's name inside the group (default: host + pid). */
  consumerName?: string;
  /** Deliveries of one event before it goes to the dead-letter stream (default 5). */
  maxAttempts?: number;
  /** Backoff before redelivering a failed event: base × 2^(attempt-1), capped, with jitter (default 200 ms, 10 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /**
   * A delivery unacknowledged for this long (its consumer crashed, or hangs) is taken over by another consumer
   * of the group (default 30 s). Must exceed the longest a handler runs.
   */
  claimIdleMs?: number;
  /**
   * How long `stop()` waits for the delivery in hand (default 10 s). One still running then is abandoned
   * unacknowledged, exactly as if the process had died, and another consumer takes it over after `claimIdleMs`.
   */
  drainTimeoutMs?: number;
  /**
   * Tells a failure of what the handler depends on (its database unreachable) from a failure of the event: such
   * a delivery is retried with backoff for as long as the outage lasts and never counts towards `maxAttempts`, so
   * a PostgreSQL restart cannot send good events to the dead-letter stream.
   */
  isTransientFailure?: (error: unknown) => boolean;
  /**
   * The group is this process's alone (each gateway hears every event for itself): it is created at the stream's
   * end, since a new process has nothing to catch up on, and destroyed when the consumer stops, so that groups
   * named per process do not pile up in Redis over restarts. (A group re-created after Redis lost it starts at
   * the beginning of the new stream, as every group does.)
   */
  processGroup?: boolean;
}

export interface EventDelivery {
  /** Raw envelope as read; the consumer validates it (invalid events are dead-lettered at once). */
  raw: unknown;
  /** 1 for the first delivery. */
  attempt: number;
}

export interface EventSubscription {
  /** Stops reading, lets the delivery in hand finish (see `drainTimeoutMs`), and releases the connection. */
  stop(): Promise<void>;
}

/**
 * How a subgraph records "this consumer handled this event" in the same database transaction as the handler's
 * effect (its `ProcessedEvent` table): a second delivery finds the row and does nothing.
 */
export type RunIdempotently<Tx> = (consumer: string, eventId: string, work: (tx: Tx) => Promise<void>) => Promise<'handled' | 'duplicate'>;

export type EventHandler<Type extends DomainEventType, Tx> = (event: DomainEventOf<Type>, tx: Tx) => Promise<void>;

/** A subgraph's consumer: its name (the consumer group) and a handler per event type it reacts to. */
export interface EventConsumerDefinition<Tx> {
  name: string;
  handlers: { [Type in DomainEventType]?: EventHandler<Type, Tx> };
  runIdempotently: RunIdempotently<Tx>;
}

/** One row of a subgraph's `OutboxEvent` table, as the subgraph's Prisma client writes it. */
export interface OutboxRow {
  id: string;
  type: string;
  version: number;
  aggregateId: string;
  payload: object;
  occurredAt: Date;
  /** The W3C trace context the row was written in; absent with tracing off or outside a traced request. */
  traceparent?: string;
  tracestate?: string;
}
