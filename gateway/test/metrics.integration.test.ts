// Prometheus metrics through the real gateway and subgraphs: named operations and failing ones move the request
// counters, duration histograms and error counts by exactly what was sent, on the gateway and on the subgraph that
// answered; the response cache's hit ratio, subgraph fetch latency, WebSocket gauges and outbox lag are exposed.
import { print } from 'graphql';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { MyDashboardDocument } from '@threadly/mobile-client';
import { readSample } from '@threadly/metrics';
import { subscribeOverWebSocket } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';

let supergraph: TestSupergraph;
beforeAll(async () => {
  supergraph = await startTestSupergraph();
}, 180_000);
afterAll(async () => {
  await supergraph?.close();
});

const scrape = async (serviceUrl: string) => {
  const response = await fetch(new URL('/metrics', serviceUrl));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
};
/** How much a series moved between two scrapes (a series not there yet counts as 0). */
const moved = (before: string, after: string, name: string, labels: Record<string, string>) =>
  (readSample(after, name, labels) ?? 0) - (readSample(before, name, labels) ?? 0);

const SHOP = 'query MetricsShop { products(first: 2) { edges { node { id title } } } }';
const CATEGORIES = 'query MetricsCategories { categories { slug } }';
const MISSING = 'query MetricsMissing { category(slug: "no-such-category") { name } }';
const BROKEN = 'query MetricsBroken { noSuchField }';

describe('GET /metrics', () => {
  it('counts each operation, its duration and its errors by code, on the gateway and on the subgraph that answered', async () => {
    const gateway = { url: supergraph.gatewayUrl, before: await scrape(supergraph.gatewayUrl) };
    const catalog = { url: supergraph.subgraphUrls.catalog, before: await scrape(supergraph.subgraphUrls.catalog) };

    for (let i = 0; i < 3; i += 1) expect((await supergraph.graphql(SHOP)).body.errors).toBeUndefined();
    for (let i = 0; i < 2; i += 1) expect((await supergraph.graphql(CATEGORIES)).body.errors).toBeUndefined();
    const missing = await supergraph.graphql(MISSING);
    expect(missing.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const broken = await supergraph.graphql(BROKEN);
    expect(broken.body.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const gatewayAfter = await scrape(gateway.url);
    const at = (name: string, labels: Record<string, string>) => moved(gateway.before, gatewayAfter, `threadly_gateway_${name}`, labels);
    expect(at('requests_total', { operation: 'MetricsShop', type: 'query', outcome: 'success' })).toBe(3);
    expect(at('request_duration_seconds_count', { operation: 'MetricsShop', type: 'query' })).toBe(3);
    expect(at('request_duration_seconds_bucket', { operation: 'MetricsShop', type: 'query', le: '+Inf' })).toBe(3);
    expect(at('requests_total', { operation: 'MetricsCategories', type: 'query', outcome: 'success' })).toBe(2);
    expect(at('request_duration_seconds_count', { operation: 'MetricsCategories', type: 'query' })).toBe(2);
    // `category` is non-null: NOT_FOUND leaves no data at all, a failed request.
    expect(at('requests_total', { operation: 'MetricsMissing', type: 'query', outcome: 'error' })).toBe(1);
    // Refused at validation: no operation was resolved, so the client's name is not trusted as a label.
    expect(at('requests_total', { operation: 'anonymous', type: 'unknown', outcome: 'error' })).toBe(1);
    expect(at('requests_total', { operation: 'MetricsBroken', type: 'query', outcome: 'error' })).toBe(0);
    expect(at('errors_total', { code: 'NOT_FOUND' })).toBe(1);
    expect(at('errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);

    // The response cache: each query's first answer is a miss, the repeats hits; the two failures bypass it.
    expect(at('cache_lookups_total', { cache: 'response', result: 'miss' })).toBe(2);
    expect(at('cache_lookups_total', { cache: 'response', result: 'hit' })).toBe(3);
    expect(at('response_cache_bypasses_total', {})).toBe(2);
    const hits = readSample(gatewayAfter, 'threadly_gateway_cache_lookups_total', { cache: 'response', result: 'hit' })!;
    const misses = readSample(gatewayAfter, 'threadly_gateway_cache_lookups_total', { cache: 'response', result: 'miss' })!;
    expect(readSample(gatewayAfter, 'threadly_gateway_cache_hit_ratio', { cache: 'response' })).toBeCloseTo(hits / (hits + misses), 9);
    expect(readSample(gatewayAfter, 'threadly_gateway_response_cache_purged_entries_total')).toBeGreaterThanOrEqual(0);
    // What reached catalog: the two misses and the uncacheable failure, each one fetch, timed.
    expect(at('subgraph_fetch_duration_seconds_count', { subgraph: 'catalog', outcome: 'ok' })).toBe(3);
    expect(readSample(gatewayAfter, 'threadly_gateway_subgraph_circuit_state', { subgraph: 'catalog' })).toBe(0);
    expect(readSample(gatewayAfter, 'threadly_gateway_websocket_connections')).toBe(0);
    expect(readSample(gatewayAfter, 'threadly_gateway_active_subscriptions')).toBe(0);

    // The subgraph sees the gateway's own operation names for its part of each plan (`<operation>__<subgraph>__<n>`).
    const catalogAfter = await scrape(catalog.url);
    const sub = (name: string, labels: Record<string, string>) => moved(catalog.before, catalogAfter, `threadly_subgraph_${name}`, { subgraph: 'catalog', ...labels });
    expect(sub('requests_total', { operation: 'MetricsShop__catalog__0', type: 'query', outcome: 'success' })).toBe(1);
    expect(sub('request_duration_seconds_count', { operation: 'MetricsShop__catalog__0', type: 'query' })).toBe(1);
    expect(sub('requests_total', { operation: 'MetricsCategories__catalog__0', type: 'query', outcome: 'success' })).toBe(1);
    expect(sub('requests_total', { operation: 'MetricsMissing__catalog__0', type: 'query', outcome: 'error' })).toBe(1);
    expect(sub('errors_total', { code: 'NOT_FOUND' })).toBe(1);
    expect(sub('db_query_duration_seconds_count', { model: 'Category', operation: 'findMany' })).toBeGreaterThanOrEqual(1);
    // Every series says which subgraph it is from.
    const series = catalogAfter.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(series.filter((line) => !line.includes('subgraph="catalog"'))).toEqual([]);
  });

  it("exposes each subgraph's outbox lag, read from its table when scraped, and the relay's counters", async () => {
    await supergraph.settleEvents();
    for (const name of ['identity', 'catalog', 'commerce', 'messaging'] as const) {
      const exposition = await scrape(supergraph.subgraphUrls[name]);
      const labels = { subgraph: name };
      expect(readSample(exposition, 'threadly_subgraph_outbox_unpublished_events', labels), name).toBe(0);
      expect(readSample(exposition, 'threadly_subgraph_outbox_oldest_unpublished_age_seconds', labels), name).toBe(0);
      expect(readSample(exposition, 'threadly_subgraph_outbox_events_published_total', labels), name).toBeGreaterThanOrEqual(0);
      expect(readSample(exposition, 'threadly_subgraph_outbox_relay_failures_total', labels), name).toBe(0);
      expect(readSample(exposition, 'threadly_subgraph_outbox_lag_read_failures_total', labels), name).toBe(0);
    }
    // A subgraph that serves subscriptions reports its WebSocket side too; one without (catalog) does not.
    expect(readSample(await scrape(supergraph.subgraphUrls.catalog), 'threadly_subgraph_websocket_connections')).toBeUndefined();
    const messaging = await scrape(supergraph.subgraphUrls.messaging);
    expect(readSample(messaging, 'threadly_subgraph_websocket_connections', { subgraph: 'messaging' })).toBeGreaterThanOrEqual(0);
    expect(readSample(messaging, 'threadly_subgraph_active_subscriptions', { subgraph: 'messaging' })).toBe(0);
  });

  it('counts open WebSocket connections and live subscriptions on the gateway and on messaging, back to 0 when closed', async () => {
    const gauges = async () => {
      const [gateway, messaging] = await Promise.all([scrape(supergraph.gatewayUrl), scrape(supergraph.subgraphUrls.messaging)]);
      return {
        gatewayConnections: readSample(gateway, 'threadly_gateway_websocket_connections'),
        gatewaySubscriptions: readSample(gateway, 'threadly_gateway_active_subscriptions'),
        messagingSubscriptions: readSample(messaging, 'threadly_subgraph_active_subscriptions', { subgraph: 'messaging' }),
      };
    };
    expect(await gauges()).toEqual({ gatewayConnections: 0, gatewaySubscriptions: 0, messagingSubscriptions: 0 });
    const authorization = `Bearer ${signDevelopmentSessionToken(findDemoUser(DEMO_ACCOUNTS.buyer.id)!)}`;
    const subscriptions = [0, 1].map(() => subscribeOverWebSocket(supergraph.gatewayUrl, { query: 'subscription { conversationUpdated { id } }' }, { authorization }));
    // The upstream subscription is opened after the client's is acknowledged: wait (bounded) until both are counted.
    await waitFor(async () => (await gauges()).messagingSubscriptions === 2);
    expect(await gauges()).toEqual({ gatewayConnections: 2, gatewaySubscriptions: 2, messagingSubscriptions: 2 });
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
    await waitFor(async () => Object.values(await gauges()).every((value) => value === 0));
  });

  it('counts the errors the client receives: a subgraph down under several fetches of one plan is one SUBGRAPH_UNAVAILABLE', async () => {
    // The profile tab fetches from catalog three times (listings, each order item's product, each conversation's
    // product); @apollo/gateway reports each failed fetch, the client gets one error naming catalog.
    await supergraph.stopSubgraph('catalog');
    try {
      const before = await scrape(supergraph.gatewayUrl);
      const partial = await supergraph.graphql(print(MyDashboardDocument), {}, { as: DEMO_ACCOUNTS.buyer.id });
      const after = await scrape(supergraph.gatewayUrl);
      expect(partial.body.errors?.map((error) => [error.extensions?.code, error.extensions?.subgraph])).toEqual([['SUBGRAPH_UNAVAILABLE', 'catalog']]);
      expect(moved(before, after, 'threadly_gateway_errors_total', { code: 'SUBGRAPH_UNAVAILABLE' })).toBe(1);
      expect(moved(before, after, 'threadly_gateway_requests_total', { operation: 'MyDashboard', type: 'query', outcome: 'partial' })).toBe(1);
      // The plan did fetch from catalog more than once: the merge, not the plan, made it one error.
      expect(moved(before, after, 'threadly_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'catalog', outcome: 'unavailable' })).toBeGreaterThan(1);
    } finally {
      await supergraph.restartSubgraph('catalog');
    }
  });
});

/** Polls `condition` until it holds, at most ~5 s (the machine is shared; this is a bound, not a timing assertion). */
async function waitFor(condition: () => Promise<boolean>) {
  for (let attempt = 0; attempt < 250; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the gauges never reached the expected values');
}
