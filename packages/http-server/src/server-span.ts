import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, extractTraceContext, isTracingEnabled, SpanKind, SpanStatusCode, threadlyTracer, trace } from '@threadly/tracing';

// Probes and scrapes arrive every few seconds from every orchestrator and Prometheus: a trace each would bury the
// requests. They are not traced at all.
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Runs `handle` inside a SERVER span for the request, continuing the caller's W3C `traceparent` when it sent one
 * (the gateway does, to subgraphs): the one place gateway and subgraphs open their part of a trace. The span is named
 * `METHOD /route` (OpenTelemetry's HTTP conventions) and ends when the response is finished or the connection closes;
 * 5xx answers mark it failed. With tracing off, `handle` runs as it is.
 */
export function withServerSpan(req: IncomingMessage, res: ServerResponse, route: string | undefined, requestId: string, handle: () => Promise<void>): Promise<void> {
  if (!isTracingEnabled() || (route !== undefined && UNTRACED_PATHS.has(route))) return handle();
  const method = req.method ?? 'GET';
  const span = threadlyTracer().startSpan(
    route ? `${method} ${route}` : method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': method,
        'url.path': req.url?.split('?')[0] ?? '/',
        ...(route ? { 'http.route': route } : {}),
        'threadly.request_id': requestId,
      },
    },
    extractTraceContext(req.headers),
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed before the response was sent' });
    span.end();
  });
  return context.with(trace.setSpan(context.active(), span), handle);
}
