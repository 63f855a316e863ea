import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** Renders the Prometheus exposition: this process's registry, or (gateway under node:cluster) every worker's summed. */
export type RenderMetrics = () => Promise<{ contentType: string; body: string }>;

export const renderRegistry =
  (registry: Registry): RenderMetrics =>
  async () => ({ contentType: registry.contentType, body: await registry.metrics() });

/**
 * `GET /metrics` for Prometheus, in the shape of @threadly/http-server's routes. It says nothing about any user, but
 * it does describe the service's load and internals: route only `/graphql` (and the webhooks) from the public edge,
 * and let Prometheus scrape from inside.
 */
export const createMetricsRoute = (render: RenderMetrics) => ({
  method: 'GET',
  path: '/metrics',
  handler: async (_req: IncomingMessage, res: ServerResponse) => {
    const { contentType, body } = await render();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  },
});
