import { context, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startOtlpReceiver } from '@threadly/testing';
import { describe, expect, it } from 'vitest';
import { startTracing } from './start-tracing.ts';
import { extractTraceContext, injectTraceContext, threadlyTracer } from './trace-propagation.ts';
import { isTracingEnabled } from './tracing-state.ts';

const CLIENT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN_ID = '00f067aa0ba902b7';
const sampledParent = (flags = '01') => ({ traceparent: `00-${CLIENT_TRACE_ID}-${CLIENT_SPAN_ID}-${flags}` });
const off = { serviceName: 'tracing-test', tracesUrl: undefined, headers: {}, samplingRatio: 1 };

describe('startTracing', () => {
  it('registers nothing when no endpoint is configured', async () => {
    const tracing = await startTracing(off);
    expect(tracing.enabled).toBe(false);
    expect(isTracingEnabled()).toBe(false);
    // The API keeps its no-op tracer and propagator: @apollo/gateway's spans cost nothing and carry no ids.
    const span = trace.getTracer('any').startSpan('GET /graphql', { kind: SpanKind.SERVER });
    expect(span.isRecording()).toBe(false);
    expect(isSpanContextValid(span.spanContext())).toBe(false);
    expect(propagation.fields()).toEqual([]);
    // Our helpers do not even parse or write the headers.
    expect(extractTraceContext(sampledParent())).toBe(ROOT_CONTEXT);
    const headers: Record<string, string> = {};
    injectTraceContext((name, value) => (headers[name] = value));
    expect(headers).toEqual({});
    // Prisma's global hook is not installed: its client keeps its no-op tracing helper.
    expect((globalThis as Record<string, unknown>).PRISMA_INSTRUMENTATION).toBeUndefined();
    await tracing.shutdown();
  });

  it('exports spans over OTLP/HTTP with the service name, continuing and passing on W3C trace context', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const tracing = await startTracing({ ...off, tracesUrl: `${receiver.url}/v1/traces`, headers: { 'x-api-key': 'collector-key' } });
      expect(tracing.enabled).toBe(true);
      const outgoing: Record<string, string> = {};
      const tracer = threadlyTracer();
      context.with(extractTraceContext(sampledParent()), () =>
        tracer.startActiveSpan('POST /graphql', { kind: SpanKind.SERVER }, (server) => {
          tracer.startActiveSpan('query Listing', (operation) => {
            injectTraceContext((name, value) => (outgoing[name] = value));
            tracer.startSpan('prisma:client:db_query', { kind: SpanKind.CLIENT }).end();
            operation.setStatus({ code: SpanStatusCode.ERROR, message: 'NOT_FOUND' });
            operation.end();
          });
          server.end();
        }),
      );
      // Work outside any request (a relay polling its outbox) starts no trace of its own.
      tracer.startSpan('prisma:client:operation').end();
      expect((globalThis as Record<string, unknown>).PRISMA_INSTRUMENTATION).toBeDefined();
      await tracing.shutdown();
      expect(isTracingEnabled()).toBe(false);
      expect((globalThis as Record<string, unknown>).PRISMA_INSTRUMENTATION).toBeUndefined();

      const spans = Object.fromEntries(receiver.spans.map((span) => [span.name, span]));
      expect(Object.keys(spans).sort()).toEqual(['POST /graphql', 'prisma:client:db_query', 'query Listing']);
      expect(new Set(receiver.spans.map((span) => span.traceId))).toEqual(new Set([CLIENT_TRACE_ID]));
      expect(new Set(receiver.spans.map((span) => span.service))).toEqual(new Set(['tracing-test']));
      expect(spans['POST /graphql']).toMatchObject({ parentSpanId: CLIENT_SPAN_ID, kind: 2 });
      expect(spans['query Listing']).toMatchObject({ parentSpanId: spans['POST /graphql']!.spanId, status: { code: 2, message: 'NOT_FOUND' } });
      expect(spans['prisma:client:db_query']!.parentSpanId).toBe(spans['query Listing']!.spanId);
      expect(outgoing).toEqual({ traceparent: `00-${CLIENT_TRACE_ID}-${spans['query Listing']!.spanId}-01` });
      expect(receiver.requestHeaders[0]).toMatchObject({ 'x-api-key': 'collector-key', 'content-type': 'application/json' });
    } finally {
      await receiver.close();
    }
  });

  it('samples new traces by ratio but always continues a sampled caller (parent-based)', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const tracing = await startTracing({ ...off, tracesUrl: `${receiver.url}/v1/traces`, samplingRatio: 0 });
      const tracer = threadlyTracer();
      tracer.startSpan('GET /graphql (new trace)', { kind: SpanKind.SERVER }).end();
      tracer.startSpan('GET /graphql (caller sampled)', { kind: SpanKind.SERVER }, extractTraceContext(sampledParent('01'))).end();
      tracer.startSpan('GET /graphql (caller not sampled)', { kind: SpanKind.SERVER }, extractTraceContext(sampledParent('00'))).end();
      await tracing.shutdown();
      expect(receiver.spans.map((span) => span.name)).toEqual(['GET /graphql (caller sampled)']);
    } finally {
      await receiver.close();
    }
  });
});
