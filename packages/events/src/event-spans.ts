import type { DomainEvent } from '@threadly/event-contracts';
import {
  extractTraceContext,
  isSpanContextValid,
  isTracingEnabled,
  SpanKind,
  SpanStatusCode,
  threadlyTracer,
  trace,
  traceContextFields,
  type Link,
  type Span,
} from '@threadly/tracing';
import type { EventDelivery, EventDestination, EventTransport } from './contracts.ts';
import type { ConsumeOutcome } from './event-consumer.ts';

// Spans follow the OpenTelemetry messaging conventions (semconv "Messaging spans": `{operation} {destination}`
// names, PRODUCER for the send whose context travels with the message, CONSUMER for push-based processing).

const destinationAttributes = ({ system, name }: EventDestination) => ({ 'messaging.system': system, 'messaging.destination.name': name });
const errorType = (error: unknown) => (error instanceof Error ? error.name : 'Error');

function fail(span: Span, error: unknown) {
  span.setAttribute('error.type', errorType(error));
  // The class only, never the message: a handler's error may quote SQL or payload data; the log line has the rest.
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(error) });
}

/**
 * Publishes a batch, with one PRODUCER span per event that carries a trace context (`send <stream>`), a child of the
 * request that wrote the event. That span's own context replaces the event's on the stream: it is the message's
 * creation context in the conventions' terms (no "create" span exists; the outbox row is the producer's own
 * buffer, not the message), so every consumer's span hangs under the send that delivered it. Events without a
 * context, or tracing off, are published untouched and cost nothing.
 */
export async function publishWithSpans(transport: EventTransport, events: DomainEvent[]): Promise<void> {
  if (!isTracingEnabled() || !events.some((event) => event.traceparent)) return transport.publish(events);
  const tracer = threadlyTracer();
  const spans: Span[] = [];
  const sent = events.map((event) => {
    const written = event.traceparent ? extractTraceContext({ traceparent: event.traceparent, tracestate: event.tracestate }) : undefined;
    const parent = written && trace.getSpanContext(written);
    if (!written || !parent || !isSpanContextValid(parent)) return event;
    const span = tracer.startSpan(
      `send ${transport.destination.name}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          ...destinationAttributes(transport.destination),
          'messaging.operation.type': 'send',
          'messaging.operation.name': 'send',
          'messaging.message.id': event.id,
          'threadly.event.type': event.type,
        },
      },
      written,
    );
    spans.push(span);
    return { ...event, ...traceContextFields(trace.setSpan(written, span)) };
  });
  try {
    await transport.publish(sent);
  } catch (error) {
    for (const span of spans) fail(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

const field = (raw: unknown, name: string) => {
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * Runs one delivery inside a CONSUMER span (`process <stream>`), active while the handler runs so its Prisma spans
 * sit under it. The span is a child of the event's creation context and also links to it: the conventions require
 * the link (a consumer may see many producers' messages) and allow the parent when a span processes one message,
 * as here; the parent is what puts what a request caused into that request's trace. Without a context (tracing was
 * off where the event was written, or it predates trace context) the span starts a trace of its own, which the
 * sampler allows for consumed messages. Tracing off: `process` runs as is.
 */
export async function processInSpan(
  destination: EventDestination,
  group: string,
  delivery: EventDelivery,
  process: () => Promise<ConsumeOutcome>,
): Promise<void> {
  if (!isTracingEnabled()) return void (await process());
  const { raw } = delivery;
  const traceparent = field(raw, 'traceparent');
  const created = extractTraceContext({ traceparent, tracestate: field(raw, 'tracestate') });
  const creation = trace.getSpanContext(created);
  const links: Link[] = creation && isSpanContextValid(creation) ? [{ context: creation }] : [];
  const attributes = {
    ...destinationAttributes(destination),
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.consumer.group.name': group,
    'messaging.message.id': field(raw, 'id') ?? '',
    'threadly.event.type': field(raw, 'type') ?? '',
    'threadly.event.attempt': delivery.attempt,
  };
  await threadlyTracer().startActiveSpan(`process ${destination.name}`, { kind: SpanKind.CONSUMER, attributes, links }, created, async (span) => {
    try {
      span.setAttribute('threadly.event.outcome', await process());
    } catch (error) {
      span.setAttribute('threadly.event.outcome', 'failed');
      fail(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
