// The gateway alone, in production mode, in front of subgraphs that are not there: what a client sees must carry
// no internal detail (no addresses, no stack traces), and /ready must say which subgraph is missing.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@threadly/logger';
import { readSupergraphSdl, startGatewayServer, type GatewayServer } from '../src/index.ts';

async function closedPortUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

let gateway: GatewayServer;

beforeAll(async () => {
  const dead = await closedPortUrl();
  gateway = await startGatewayServer({
    supergraphSdl: readSupergraphSdl(),
    subgraphUrls: { identity: dead, catalog: dead, commerce: dead, messaging: dead },
    identitySecret: 'production-test-secret'.padEnd(40, '-'),
    production: true,
    maxBodyBytes: 10_000,
    port: 0,
    logger: createLogger('gateway-test', 'silent'),
  });
});
afterAll(() => gateway?.stop());

const post = async (body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
};

describe('gateway in production mode', () => {
  it('masks subgraph failures: no addresses, no stack traces', async () => {
    const { text } = await post({ query: '{ products(first: 2) { edges { node { id } } } }' });
    const body = JSON.parse(text);
    expect(body.errors.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stacktrace|at .*\.ts:\d+/);
  });

  it('turns introspection and field suggestions off', async () => {
    const introspection = await post({ query: '{ __schema { types { name } } }' });
    expect(introspection.status).toBe(400);
    const typo = await post({ query: '{ prodcts { edges { node { id } } } }' });
    expect(typo.text).not.toMatch(/Did you mean/);
  });

  it('does not serve the Sandbox landing page', async () => {
    const response = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/sandbox/i);
  });

  it('refuses bodies over the limit with 413', async () => {
    const { status, text } = await post({ query: `{ __typename } # ${'x'.repeat(20_000)}` });
    expect(status).toBe(413);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('is live but not ready, naming the unreachable subgraphs', async () => {
    const base = new URL(gateway.url);
    expect((await fetch(new URL('/health', base))).status).toBe(200);
    const ready = await fetch(new URL('/ready', base));
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { subgraphs: Array<{ name: string; ready: boolean; detail: string }> };
    expect(body.subgraphs.every((s) => !s.ready && s.detail === 'unreachable')).toBe(true);
  });
});
