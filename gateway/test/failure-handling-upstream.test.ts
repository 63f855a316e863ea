// The gateway's subgraph fetch stack (dedupe → timeout/retries/breaker → keep-alive) against small stand-in
// subgraphs over real HTTP, and the gateway in production mode in front of a dead subgraph.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@threadly/logger';
import { DEFAULT_HOT_PATH, readSupergraphSdl, startGatewayServer } from '../src/index.ts';
import { createSubgraphFetchers, DEFAULT_SUBGRAPH_FETCH_OPTIONS, type SubgraphFetchers } from '../src/subgraph-fetch/subgraph-fetchers.ts';

const QUERY = JSON.stringify({ query: '{products(first:2){edges{node{id}}}}', variables: {} });
const MUTATION = JSON.stringify({ query: 'mutation($id:ID!){favoriteProduct(productId:$id){id}}', variables: { id: 'p1' } });
const post = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

let standIn: Server | undefined;
let fetchers: SubgraphFetchers | undefined;
afterEach(async () => {
  await fetchers?.close();
  standIn?.closeAllConnections();
  await new Promise((resolve) => (standIn ? standIn.close(resolve) : resolve(undefined)));
  standIn = fetchers = undefined;
});

/** A subgraph stand-in that counts requests and answers each with `answer` (or never, when it returns false), `delayMs` late. */
async function startStandIn(answer: (count: number) => { status: number; body: string } | false, { delayMs = 0 } = {}) {
  const received: string[] = [];
  standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      const reply = answer(received.length);
      if (!reply) return;
      setTimeout(() => res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body), delayMs);
    });
  });
  await new Promise<void>((resolve) => standIn!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/graphql`, received };
}

const quickRetries = { ...DEFAULT_SUBGRAPH_FETCH_OPTIONS, retryDelaysMs: [1, 2, 4] };

describe('subgraph fetch stack against a failing stand-in', () => {
  it('sends a mutation once when the subgraph answers 503, and a query up to 4 times', async () => {
    const { url, received } = await startStandIn(() => ({ status: 503, body: '{"errors":[{"message":"overloaded"}]}' }));
    fetchers = createSubgraphFetchers(quickRetries);
    const commerce = fetchers.fetcherFor('commerce');
    await expect(commerce(url, post(MUTATION))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'commerce' } });
    expect(received).toEqual([MUTATION]);
    await expect(commerce(url, post(QUERY))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    expect(received.slice(1)).toEqual([QUERY, QUERY, QUERY, QUERY]);
  });

  it('passes a 200 with GraphQL errors on untouched, without retrying', async () => {
    const { url, received } = await startStandIn(() => ({ status: 200, body: '{"data":null,"errors":[{"message":"Product not found"}]}' }));
    fetchers = createSubgraphFetchers(quickRetries);
    const response = await fetchers.fetcherFor('catalog')(url, post(QUERY));
    expect(await response.json()).toEqual({ data: null, errors: [{ message: 'Product not found' }] });
    expect(received).toHaveLength(1);
    expect(fetchers.circuitStates()).toEqual({ catalog: 'closed' });
  });

  it('abandons an attempt after the timeout and retries it', async () => {
    const { url, received } = await startStandIn((count) => count > 1 && { status: 200, body: '{"data":{"ok":true}}' });
    fetchers = createSubgraphFetchers({ ...quickRetries, timeoutMs: 50 });
    const response = await fetchers.fetcherFor('catalog')(url, post(QUERY));
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect(received).toHaveLength(2);
  });

  it('uses a subgraph\'s own timeout where one is set, and the common one for the others', async () => {
    // The stand-in answers after 300 ms: within catalog's own 5 s, beyond the common 50 ms given to identity.
    const { url } = await startStandIn(() => ({ status: 200, body: '{"data":{"ok":true}}' }), { delayMs: 300 });
    fetchers = createSubgraphFetchers({ ...quickRetries, retryDelaysMs: [], timeoutMs: 50, timeoutMsBySubgraph: { catalog: 5_000 } });
    expect(await (await fetchers.fetcherFor('catalog')(url, post(QUERY))).json()).toEqual({ data: { ok: true } });
    await expect(fetchers.fetcherFor('identity')(url, post(QUERY))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'identity' } });
  });
});

describe('gateway in production mode with catalog down', () => {
  it('reports SUBGRAPH_UNAVAILABLE naming catalog, with no address, socket error or stack', async () => {
    const { url: identity } = await startStandIn(() => ({ status: 200, body: '{"data":{}}' }));
    const dead = 'http://127.0.0.1:9/graphql';
    const gateway = await startGatewayServer({
      supergraphSdl: readSupergraphSdl(),
      subgraphUrls: { identity, catalog: dead, commerce: dead, messaging: dead },
      identitySecret: 'production-test-secret'.padEnd(40, '-'),
      production: true,
      hotPath: { ...DEFAULT_HOT_PATH, subgraphFetch: quickRetries },
      maxBodyBytes: 10_000,
      port: 0,
      logger: createLogger('gateway-test', 'silent'),
    });
    try {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ products(first: 2) { edges { node { id } } } }' }) });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(JSON.parse(text).errors).toEqual([
        { message: expect.stringMatching(/catalog/), extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'catalog' } },
      ]);
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stacktrace|at .*\.ts:\d+/);
    } finally {
      await gateway.stop();
    }
  });
});
