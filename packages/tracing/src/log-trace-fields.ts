import { trace } from '@opentelemetry/api';

/**
 * `traceId` and `spanId` of the span active where a log line is written, for pino's `mixin`: a log line and its
 * trace find each other in the collector. Empty outside a recorded span. Always a new object: pino merges the line's
 * own fields into what the mixin returns.
 */
export function activeTraceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
