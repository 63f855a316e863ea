import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { isTracingEnabled } from './tracing-state.ts';

/** The headers the W3C trace-context propagator writes; not part of what a request means (e.g. for dedupe keys). */
export const TRACE_CONTEXT_HEADERS = ['traceparent', 'tracestate'] as const;

/** Writes the active span's `traceparent` (and `tracestate`) through `set`, when tracing is on and a span is active. */
export function injectTraceContext(set: (name: string, value: string) => void) {
  if (!isTracingEnabled()) return;
  propagation.inject(context.active(), undefined, { set: (_carrier, name, value) => set(name, value) });
}

/** The context an incoming request's `traceparent` continues (the root context when it has none or tracing is off). */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  if (!isTracingEnabled()) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** A trace context written into a message that outlives the request (an outbox row, an event on a stream). */
export interface TraceContextFields {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The W3C fields of `from` (default: the active context), or undefined when tracing is off or no span is active
 * there, so callers add nothing at all in those cases.
 */
export function traceContextFields(from: Context = context.active()): TraceContextFields | undefined {
  if (!isTracingEnabled() || !trace.getSpanContext(from)) return undefined;
  const fields: TraceContextFields = {};
  propagation.inject(from, fields, { set: (carrier, name, value) => void ((carrier as Record<string, string>)[name] = value) });
  return fields.traceparent ? fields : undefined;
}

/** The tracer our own spans (HTTP server, GraphQL operations) are made with. */
export const threadlyTracer = () => trace.getTracer('threadly');
