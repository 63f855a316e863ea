// Trace context through domain events, in one process: the outbox writer keeps the request's context (and nothing
// with tracing off), the relay's publish is a PRODUCER span under it, each handled event a CONSUMER span under that.
import { userDeleted, userUpdated } from '@threadly/event-contracts';
import { createLogger } from '@threadly/logger';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@threadly/testing';
import { context, extractTraceContext, SpanKind, startTracing, threadlyTracer, trace, type Tracing } from '@threadly/tracing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendToOutbox, createMemoryEventTransport, defineEventConsumer, startEventConsumer, type OutboxRow, type RunIdempotently } from '../src/index.ts';
import { publishWithSpans } from '../src/event-spans.ts';

const PRODUCER = 4;
const CONSUMER = 5;
const STATUS_ERROR = 2;
const CLIENT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const userId = '7b4e2c1a-3f5d-4e6a-8b9c-0d1e2f3a4b5c';
const quiet = createLogger('event-tracing-test', 'silent');
const FAST = { backoffBaseMs: 20, backoffMaxMs: 40, maxAttempts: 2 };

/** A stand-in for a Prisma transaction client: keeps the rows `appendToOutbox` writes. */
const recordingOutbox = () => {
  const rows: OutboxRow[] = [];
  return { rows, tx: { outboxEvent: { createMany: async ({ data }: { data: OutboxRow[] }) => void rows.push(...data) } } };
};

/** What the relay reads back from an outbox row: the envelope, with the row's trace context when it has one. */
const envelopeOf = ({ traceparent, tracestate, occurredAt, ...row }: OutboxRow) =>
  ({ ...row, occurredAt: occurredAt.toISOString(), ...(traceparent && { traceparent }), ...(tracestate && { tracestate }) }) as never;

let tracing: Tracing | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  await receiver?.close();
  tracing = receiver = undefined;
});

describe('domain events with tracing off', () => {
  it('write no trace context into the outbox or onto the stream, even inside a request carrying a traceparent', async () => {
    const { rows, tx } = recordingOutbox();
    // A valid, sampled span context is active, as in a traced request; only tracing being off stops the capture.
    const request = trace.setSpanContext(context.active(), { traceId: CLIENT_TRACE_ID, spanId: '00f067aa0ba902b7', traceFlags: 1 });
    await context.with(request, () => appendToOutbox(tx, [userDeleted.create(userId, { userId })]));
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['aggregateId', 'id', 'occurredAt', 'payload', 'type', 'version']);

    // Published and delivered, the envelope has no trace fields either.
    const transport = createMemoryEventTransport({ logger: quiet });
    const received: unknown[] = [];
    const subscription = transport.consume('reader', async ({ raw }) => void received.push(raw), FAST);
    await context.with(request, () => publishWithSpans(transport, [envelopeOf(rows[0]!)]));
    await transport.settle(5_000);
    await subscription.stop();
    await transport.close();
    expect(received).toHaveLength(1);
    expect(Object.keys(received[0] as object).sort()).toEqual(['aggregateId', 'id', 'occurredAt', 'payload', 'type', 'version']);
  });
});

describe('domain events with tracing on', () => {
  const start = async () => {
    receiver = await startOtlpReceiver();
    tracing = await startTracing({ serviceName: 'events-test', tracesUrl: `${receiver.url}/v1/traces`, headers: {}, samplingRatio: 1 });
  };

  it('join the trace of the request that wrote them: request → send (PRODUCER) → process (CONSUMER, parent and link)', async () => {
    await start();
    const transport = createMemoryEventTransport({ logger: quiet });
    const outcomes = new Map<string, 'handled' | 'duplicate'>();
    // A handler that makes a span of its own, as Prisma's instrumentation does: it must sit under the CONSUMER span.
    const handler = vi.fn(async () => threadlyTracer().startSpan('prisma:client:operation').end());
    const runIdempotently: RunIdempotently<undefined> = async (_consumer, eventId, work) => {
      if (outcomes.has(eventId)) return 'duplicate';
      await work(undefined);
      outcomes.set(eventId, 'handled');
      return 'handled';
    };
    const consumer = defineEventConsumer<undefined>({ name: 'search-indexer', handlers: { 'user.updated': handler }, runIdempotently });
    const subscription = startEventConsumer(consumer, transport, { ...FAST, logger: quiet });

    const { rows, tx } = recordingOutbox();
    const event = userUpdated.create(userId, { userId, changedFields: ['displayName'] });
    const request = threadlyTracer().startSpan('POST /graphql', { kind: SpanKind.SERVER }, extractTraceContext({ traceparent: `00-${CLIENT_TRACE_ID}-00f067aa0ba902b7-01` }));
    await appendToOutbox(tx, [event]);
    await context.with(trace.setSpan(context.active(), request), () => appendToOutbox(tx, [event]));
    request.end();
    // Outside any span: nothing; inside the request: its context.
    expect(rows[0]!.traceparent).toBeUndefined();
    expect(rows[1]!.traceparent).toBe(`00-${CLIENT_TRACE_ID}-${request.spanContext().spanId}-01`);

    // The relay publishes the row (twice: a relay that died before marking it published), then an event without context.
    await publishWithSpans(transport, [envelopeOf(rows[1]!)]);
    await publishWithSpans(transport, [envelopeOf(rows[1]!)]);
    await publishWithSpans(transport, [userDeleted.create(userId, { userId })]);
    await transport.settle(5_000);
    await subscription.stop();
    await transport.close();
    await tracing!.shutdown();

    const spans = receiver!.spans;
    const byTrace = spans.filter((span) => span.traceId === CLIENT_TRACE_ID);
    const sends = byTrace.filter((span) => span.kind === PRODUCER);
    expect(sends).toHaveLength(2);
    for (const send of sends) {
      expect(send).toMatchObject({
        name: 'send threadly:events',
        parentSpanId: request.spanContext().spanId,
        attributes: { 'messaging.system': 'in-memory', 'messaging.destination.name': 'threadly:events', 'messaging.operation.type': 'send', 'messaging.message.id': event.id },
      });
    }
    const processes = byTrace.filter((span) => span.kind === CONSUMER);
    expect(processes.map((span) => span.attributes['threadly.event.outcome']).sort()).toEqual(['duplicate', 'handled']);
    for (const process of processes) {
      const send = sends.find((candidate) => candidate.spanId === process.parentSpanId);
      expect(send, 'each delivery hangs under the send that delivered it').toBeDefined();
      expect(process).toMatchObject({
        name: 'process threadly:events',
        links: [{ traceId: CLIENT_TRACE_ID, spanId: send!.spanId }],
        attributes: {
          'messaging.system': 'in-memory',
          'messaging.consumer.group.name': 'search-indexer',
          'messaging.message.id': event.id,
          'threadly.event.type': 'user.updated',
        },
      });
    }
    const handled = processes.find((span) => span.attributes['threadly.event.outcome'] === 'handled')!;
    expect(byTrace.find((span) => span.name === 'prisma:client:operation')?.parentSpanId).toBe(handled.spanId);
    // The event written without a context: no PRODUCER span, and its processing starts a trace of its own.
    const orphan = spans.find((span) => span.kind === CONSUMER && span.attributes['threadly.event.type'] === 'user.deleted');
    expect(orphan).toMatchObject({ parentSpanId: undefined, links: [], attributes: { 'threadly.event.outcome': 'ignored' } });
    expect(orphan!.traceId).not.toBe(CLIENT_TRACE_ID);
    expect(spans.filter((span) => span.kind === PRODUCER)).toHaveLength(2);
  });

  it('marks a failed delivery with error status and the error class, each attempt its own span', async () => {
    await start();
    const transport = createMemoryEventTransport({ logger: quiet });
    const consumer = defineEventConsumer<undefined>({
      name: 'always-fails',
      handlers: {
        'user.deleted': async () => {
          throw new TypeError('SELECT * FROM secret WHERE x = 42');
        },
      },
      runIdempotently: async (_consumer, _eventId, work) => (await work(undefined), 'handled'),
    });
    const subscription = startEventConsumer(consumer, transport, { ...FAST, logger: quiet });
    const traceparent = `00-${CLIENT_TRACE_ID}-00f067aa0ba902b7-01`;
    await publishWithSpans(transport, [{ ...userDeleted.create(userId, { userId }), traceparent }]);
    await vi.waitFor(() => expect(transport.deadLetters).toHaveLength(1), { timeout: 10_000 });
    await subscription.stop();
    await transport.close();
    await tracing!.shutdown();

    const failed = receiver!.spans.filter((span: ReceivedSpan) => span.kind === CONSUMER);
    expect(failed.map((span) => span.attributes['threadly.event.attempt'])).toEqual([1, 2]);
    for (const span of failed) {
      expect(span).toMatchObject({
        traceId: CLIENT_TRACE_ID,
        status: { code: STATUS_ERROR, message: 'TypeError' },
        attributes: { 'threadly.event.outcome': 'failed', 'error.type': 'TypeError' },
      });
    }
    // Nothing of the error's message reaches the collector.
    expect(JSON.stringify(receiver!.spans)).not.toContain('secret');
  });
});
