// The per-request log lines of the real gateway and subgraphs, captured in memory: what an operator reads, and
// what must never be there.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createLogger, memoryLogDestination, type LogLine } from '@threadly/logger';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import { MemoryRateLimiter } from '../src/edge/memory-rate-limiter.ts';
import { createRateLimitEnforcer } from '../src/edge/rate-limit-enforcer.ts';
import { startExtraGateway } from './support/extra-gateway.ts';
import { persistedOperationsFor } from './support/persisted-operations.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';

const BUYER = DEMO_ACCOUNTS.buyer.id;
const logs = memoryLogDestination();
let supergraph: TestSupergraph;
let productId = '';
/** What a test sent that no line may ever carry; the last test checks every line written by then. */
const neverLogged: string[] = [];
const expectNothingLeaked = () => {
  const everything = logs.text();
  for (const secret of neverLogged) expect(everything).not.toContain(secret);
};

beforeAll(async () => {
  supergraph = await startTestSupergraph({ loggerFor: (component) => createLogger(component, 'info', { destination: logs }) });
  const { body } = await supergraph.graphql('{ products(first: 1) { edges { node { id } } } }');
  productId = body.data.products.edges[0].node.id;
}, 180_000);
afterAll(() => supergraph?.close());

/** Posts with a request id of the test's own, so its lines can be told from every other request's. */
async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, url = supergraph.gatewayUrl) {
  const requestId = `logs-${randomUUID()}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  const lines = logs.lines().filter((line) => line.requestId === requestId);
  return { requestId, response, body, lines, gateway: lines.filter((line) => line.name === 'gateway'), subgraphs: lines.filter((line) => line.name !== 'gateway') };
}

const bearer = (userId: string) => `Bearer ${signDevelopmentSessionToken(findDemoUser(userId)!)}`;
const names = (lines: LogLine[]) => [...new Set(lines.map((line) => line.name))].sort();

describe('request logs through the gateway and the subgraphs', () => {
  it('a signed-in query: one gateway line (user, operation, MISS then HIT, timed subgraph fetches) and subgraph lines with the same request id', async () => {
    const query = 'query ShopFront { products(first: 3) { edges { node { id title seller { displayName } } } } }';
    const headers = { authorization: bearer(BUYER), 'apollographql-client-name': 'web', 'apollographql-client-version': '2.1.0' };
    const first = await post(query, {}, headers);
    expect(first.body.errors).toBeUndefined();
    expect(first.response.headers.get('x-request-id')).toBe(first.requestId);
    expect(first.gateway).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'graphql request',
        operationName: 'ShopFront',
        operationType: 'query',
        clientName: 'web',
        clientVersion: '2.1.0',
        userId: BUYER,
        status: 200,
        cache: 'MISS',
        durationMs: expect.any(Number),
      }),
    ]);
    const fetches = first.gateway[0]!.subgraphs as Array<{ name: string; ms: number; outcome: string }>;
    expect([...new Set(fetches.map((fetch) => fetch.name))].sort()).toEqual(['catalog', 'identity']);
    for (const fetch of fetches) expect(fetch).toEqual({ name: fetch.name, ms: expect.any(Number), outcome: 'ok' });
    expect(names(first.subgraphs)).toEqual(['catalog', 'identity']);
    for (const line of first.subgraphs) {
      expect(line).toMatchObject({ msg: 'subgraph request', subgraph: line.name, userId: BUYER, status: 200 });
      expect(line.operationName).toMatch(/^ShopFront__(catalog|identity)__\d+$/);
    }

    const again = await post(query, {}, headers);
    expect(again.gateway).toEqual([expect.objectContaining({ operationName: 'ShopFront', userId: BUYER, cache: 'HIT', subgraphs: [] })]);
    expect(again.subgraphs).toEqual([]);
  });

  it('never logs the bearer token, an email in the variables, a message body or an answer, in any line', async () => {
    const token = bearer(BUYER);
    const secretBody = `Is it still available? Call me on 555-0199 ${randomUUID()}`;
    const email = `someone.${randomUUID()}@example.com`;
    const started = await post(
      'mutation Ask($productId: ID!, $message: String!) { startConversation(productId: $productId, message: $message) { id } }',
      { productId, message: secretBody, email },
      { authorization: token },
    );
    expect(started.body.errors).toBeUndefined();
    const me = await post('query Me { me { id email } }', { email }, { authorization: token });
    expect(me.body.data.me.email).toBe(DEMO_ACCOUNTS.buyer.email);
    expect(started.gateway).toEqual([expect.objectContaining({ operationName: 'Ask', operationType: 'mutation', userId: BUYER, cache: 'BYPASS' })]);
    expect(names(started.subgraphs)).toContain('messaging');
    neverLogged.push(token.slice('Bearer '.length), secretBody, email, DEMO_ACCOUNTS.buyer.email, 'x-threadly-viewer', 'authorization');
    expectNothingLeaked();
  });

  it("a bad request's line carries its code and status; a forged viewer header at a subgraph is logged there as refused", async () => {
    const bad = await post('query Broken { products(first: 1) { edges { node { nope } } } }', {});
    expect(bad.response.status).toBe(400);
    expect(bad.gateway).toEqual([
      expect.objectContaining({ level: 30, operationName: 'Broken', userId: 'anonymous', status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] }),
    ]);
    expect(bad.subgraphs).toEqual([]);

    const malformedId = `logs-${randomUUID()}`;
    const malformed = await fetch(supergraph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': malformedId },
      body: '{"query": "{ me { email } }", "variables": {"email": "half@example.com"',
    });
    expect(malformed.status).toBe(400);
    expect(logs.lines().filter((line) => line.requestId === malformedId)).toEqual([
      expect.objectContaining({ name: 'gateway', msg: 'graphql request refused', status: 400, errorCodes: ['BAD_REQUEST'], userId: 'anonymous' }),
    ]);
    expect(logs.text()).not.toContain('half@example.com');

    const refused = await post('{ me { id } }', {}, { authorization: 'Bearer not-a-token' });
    expect(refused.gateway).toEqual([expect.objectContaining({ msg: 'graphql request refused', status: 401, errorCodes: ['UNAUTHENTICATED'], userId: 'anonymous' })]);

    const requestId = `logs-${randomUUID()}`;
    await fetch(supergraph.subgraphUrls.catalog, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'x-threadly-viewer': 'forged.signature' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(logs.lines().filter((line) => line.requestId === requestId)).toEqual([
      expect.objectContaining({ name: 'catalog', msg: 'subgraph request refused', status: 401, errorCodes: ['UNAUTHENTICATED'] }),
    ]);
    expect(logs.text()).not.toContain('forged.signature');
  });

  it('generates a request id when the incoming one is not well-formed, and echoes it', async () => {
    const response = await fetch(supergraph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces and {json}' },
      body: JSON.stringify({ query: 'query Categories { categories { name } }' }),
    });
    const echoed = response.headers.get('x-request-id');
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.lines().filter((line) => line.requestId === echoed && line.name === 'gateway')).toEqual([expect.objectContaining({ operationName: 'Categories' })]);
  });

  it('a persisted-operation refusal gets its line, with 403 and its code', async () => {
    const gateway = await startExtraGateway(supergraph.subgraphUrls, {
      persistedOperations: persistedOperationsFor('safelist'),
      logger: createLogger('gateway', 'info', { destination: logs }),
    });
    try {
      const refused = await post('query Scrape { products(first: 100) { edges { node { id title } } } }', {}, {}, gateway.url);
      expect(refused.response.status).toBe(403);
      expect(refused.gateway).toEqual([expect.objectContaining({ level: 30, userId: 'anonymous', status: 403, errorCodes: ['PERSISTED_QUERY_NOT_ALLOWED'] })]);
      expect(refused.subgraphs).toEqual([]);
      expect(logs.text()).not.toContain('products(first: 100)');
      // Its document was never parsed: the line names no operation rather than the placeholder run in its place.
      expect(refused.gateway[0]).not.toHaveProperty('operationType');
    } finally {
      await gateway.stop();
    }
  });

  it("a rate-limited request's line names the user, with 429 and RATE_LIMITED", async () => {
    const limits = { windowSeconds: 60, user: 1, anonymous: 1, partner: 1 };
    const gateway = await startExtraGateway(supergraph.subgraphUrls, {
      enforceRateLimit: createRateLimitEnforcer(new MemoryRateLimiter({ windowMs: 60_000 }), limits),
      logger: createLogger('gateway', 'info', { destination: logs }),
    });
    try {
      const headers = { authorization: bearer(BUYER) };
      expect((await post('query Categories { categories { name } }', {}, headers, gateway.url)).response.status).toBe(200);
      const limited = await post('query Categories { categories { name } }', {}, headers, gateway.url);
      expect(limited.response.status).toBe(429);
      expect(limited.gateway).toEqual([
        expect.objectContaining({ level: 30, msg: 'graphql request refused', userId: BUYER, status: 429, errorCodes: ['RATE_LIMITED'] }),
      ]);
    } finally {
      await gateway.stop();
    }
  });

  it('warns when a subgraph could not be reached, naming it as unavailable among the fetches', async () => {
    await supergraph.stopSubgraph('identity');
    try {
      const partial = await post('query Sellers { products(first: 2) { edges { node { id seller { firstName } } } } }', {});
      expect(partial.body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(partial.gateway).toEqual([expect.objectContaining({ level: 40, operationName: 'Sellers', errorCodes: ['SUBGRAPH_UNAVAILABLE'], cache: 'BYPASS' })]);
      expect(partial.gateway[0]!.subgraphs).toEqual([
        { name: 'catalog', ms: expect.any(Number), outcome: 'ok' },
        { name: 'identity', ms: expect.any(Number), outcome: 'unavailable' },
      ]);
    } finally {
      await supergraph.restartSubgraph('identity');
    }
  });

  it('and nothing a test sent as a secret appears in any line written by the end', () => {
    expect(neverLogged.length).toBeGreaterThan(0);
    expectNothingLeaked();
  });
});
