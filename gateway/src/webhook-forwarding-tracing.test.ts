import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer, listen } from '@threadly/http-server';
import { createLogger } from '@threadly/logger';
import { startOtlpReceiver } from '@threadly/testing';
import { startTracing } from '@threadly/tracing';
import { describe, expect, it } from 'vitest';
import { createWebhookForwardingRoute } from './webhook-forwarding.ts';

describe('webhook forwarding with tracing on', () => {
  it("hands the subgraph the forwarding request's trace context, so its handling joins the same trace", async () => {
    const receiver = await startOtlpReceiver();
    const tracing = await startTracing({ serviceName: 'gateway', tracesUrl: `${receiver.url}/v1/traces`, headers: {}, samplingRatio: 1 });
    let seen: IncomingHttpHeaders = {};
    const subgraph = createServer((req, res) => {
      seen = req.headers;
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/webhooks/clerk`;
    const gateway = createHttpServer([createWebhookForwardingRoute({ path: '/webhooks/clerk', target, logger: createLogger('test', 'silent') })], () => undefined);
    try {
      const base = await listen(gateway, 0);
      const traceId = '5c1f0a4e0b3d4c2a9e8f7d6c5b4a3928';
      const answer = await fetch(`${base}/webhooks/clerk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'svix-id': 'msg_1', traceparent: `00-${traceId}-1111111111111111-01` },
        body: '{}',
      });
      expect(answer.status).toBe(200);
      await tracing.shutdown();
      const forwarding = receiver.spans.find((span) => span.name === 'POST /webhooks/clerk');
      expect(forwarding?.traceId).toBe(traceId);
      expect(seen.traceparent).toBe(`00-${traceId}-${forwarding!.spanId}-01`);
      expect(seen['svix-id']).toBe('msg_1');
    } finally {
      await tracing.shutdown();
      await new Promise((resolve) => gateway.close(resolve));
      await new Promise((resolve) => subgraph.close(resolve));
      await receiver.close();
    }
  });
});
