import type { HttpRoute } from '@threadly/http-server';
import type { Registry } from 'prom-client';

/** Renders the Prometheus exposition: this process's registry, or (under node:cluster) every worker's summed. */
export type RenderMetrics = () => Promise<{ contentType: string; body: string }>;

export const renderRegistry =
  (registry: Registry): RenderMetrics =>
  async () => ({ contentType: registry.contentType, body: await registry.metrics() });

/**
 * `GET /metrics` for Prometheus. It says nothing about any user, but it does describe the service's load and
 * internals: route only `/graphql` (and the webhooks) from the public edge, and let Prometheus scrape from inside.
 */
export const createMetricsRoute = (render: RenderMetrics): HttpRoute => ({
  method: 'GET',
  path: '/metrics',
  handler: async (_req, res) => {
    const { contentType, body } = await render();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  },
});
