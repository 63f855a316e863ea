import type { DomainEvent } from '@threadly/event-contracts';
import { traceContextFields } from '@threadly/tracing';
import type { OutboxRow } from './contracts.ts';
import { toOutboxRow } from './outbox-row.ts';

/** The part of any subgraph's Prisma transaction client that writes its outbox. */
export interface OutboxWriter {
  outboxEvent: { createMany(args: { data: OutboxRow[] }): PromiseLike<unknown> };
}

/**
 * Writes events into the subgraph's outbox inside the transaction `tx` that makes the change they describe, so
 * both commit or neither does. The relay publishes them after the commit.
 *
 * Inside a traced request (or a traced event handler) each row also keeps the active W3C trace context, so what
 * the events cause joins that trace; with tracing off `traceContextFields` is one boolean check and adds nothing.
 */
export async function appendToOutbox(tx: OutboxWriter, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const traceContext = traceContextFields();
  await tx.outboxEvent.createMany({ data: events.map((event) => ({ ...toOutboxRow(event), ...traceContext })) });
}
