import { startOtlpReceiver } from '@threadly/testing';
import { injectTraceContext, startTracing } from '@threadly/tracing';
import { describe, expect, it } from 'vitest';
import { createHttpServer, listen } from './http-server.ts';
import { sendJson } from './send-json.ts';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_SPAN_ID = 'b7ad6b7169203331';

describe('the server span of each request', () => {
  it('continues the caller\'s traceparent, fails on 5xx, and leaves probes untraced', async () => {
    const receiver = await startOtlpReceiver();
    const tracing = await startTracing({ serviceName: 'http-test', tracesUrl: `${receiver.url}/v1/traces`, headers: {}, samplingRatio: 1 });
    const downstream: Record<string, string> = {};
    const server = createHttpServer(
      [
        {
          method: 'POST',
          path: '/graphql',
          handler: (_req, res) => {
            // What a handler calling onward (the gateway fetching a subgraph) would send: this request's span.
            injectTraceContext((name, value) => (downstream[name] = value));
            sendJson(res, 200, { data: {} });
          },
        },
        { method: 'GET', path: '/boom', handler: () => Promise.reject(new Error('bug')) },
        { method: 'GET', path: '/health', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
      ],
      () => undefined,
    );
    try {
      const base = await listen(server, 0);
      await fetch(`${base}/graphql`, { method: 'POST', headers: { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN_ID}-01`, 'x-request-id': 'req-1' } });
      expect((await fetch(`${base}/boom`)).status).toBe(500);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/nowhere?x=1`)).status).toBe(404);
      await tracing.shutdown();

      const byName = Object.fromEntries(receiver.spans.map((span) => [span.name, span]));
      expect(Object.keys(byName).sort()).toEqual(['GET', 'GET /boom', 'POST /graphql']);
      expect(byName['POST /graphql']).toMatchObject({
        traceId: TRACE_ID,
        parentSpanId: CLIENT_SPAN_ID,
        kind: 2,
        attributes: { 'http.route': '/graphql', 'http.response.status_code': 200, 'threadly.request_id': 'req-1' },
      });
      expect(byName['POST /graphql']!.status.code ?? 0).toBe(0);
      expect(downstream.traceparent).toBe(`00-${TRACE_ID}-${byName['POST /graphql']!.spanId}-01`);
      expect(byName['GET /boom']).toMatchObject({ status: { code: 2 }, attributes: { 'http.response.status_code': 500 } });
      // An unknown path is not a route: the name stays the method alone, so scanners cannot create span names.
      expect(byName.GET).toMatchObject({ attributes: { 'url.path': '/nowhere', 'http.response.status_code': 404 } });
      expect(byName.GET!.attributes).not.toHaveProperty('http.route');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await tracing.shutdown();
      await receiver.close();
    }
  });
});
