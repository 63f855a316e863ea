export { loadTracingEnv, parseOtlpHeaders, tracingEnvShape, tracingOptionsFromEnv, type TracingEnv, type TracingOptions } from './env.ts';
export { startTracing, type Tracing } from './start-tracing.ts';
export { isTracingEnabled } from './tracing-state.ts';
export {
  extractTraceContext,
  injectTraceContext,
  threadlyTracer,
  traceContextFields,
  TRACE_CONTEXT_HEADERS,
  type TraceContextFields,
} from './trace-propagation.ts';
export { activeTraceFields } from './log-trace-fields.ts';
// The API names the other packages use, so they depend on this package alone (one version of the API everywhere).
export { context, isSpanContextValid, SpanKind, SpanStatusCode, trace, type Link, type Span } from '@opentelemetry/api';
