// The real gateway and subgraphs, with one subgraph stopped and brought back: what a client gets while it is gone
// (every field the others can give, SUBGRAPH_UNAVAILABLE for the rest), how the circuit opens and shows in /ready
// and /metrics, and how the half-open probe closes it once the subgraph is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_STATUS_HEADER } from '../src/plugins/response-cache.ts';
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from './support/test-supergraph.ts';

// Long enough that nothing below reaches the half-open probe by accident before identity is back.
const COOL_DOWN_MS = 3_000;
const LISTING = '{ products(first: 2) { edges { node { id title seller { id firstName } } } } }';

let supergraph: TestSupergraph;
beforeAll(async () => {
  // The response cache is on (in memory), as in production: a partial answer must never be stored.
  supergraph = await startTestSupergraph({ subgraphFetch: { circuitCoolDownMs: COOL_DOWN_MS } });
}, 60_000);
afterAll(async () => supergraph?.close());

const gatewayGet = async (path: string) => fetch(new URL(path, supergraph.gatewayUrl));
const readiness = async () =>
  ((await (await gatewayGet('/ready')).json()) as { subgraphs: Array<{ name: string; circuit: string }> }).subgraphs.find((s) => s.name === 'identity');
const metric = async (line: RegExp) => (await (await gatewayGet('/metrics')).text()).match(line)?.[1];
const errorsOf = (response: GraphQLResponse) => (response.body.errors ?? []).map(({ message, extensions }) => ({ message, code: extensions?.code, subgraph: extensions?.subgraph }));

describe('a subgraph goes down and comes back', () => {
  let whole: GraphQLResponse;

  it('answers a cross-subgraph listing whole while every subgraph is up', async () => {
    whole = await supergraph.graphql('{ products(first: 2) { edges { node { id title seller { id firstName displayName } } } } }');
    expect(whole.body.errors).toBeUndefined();
    expect(whole.body.data.products.edges[0].node.seller.firstName).toEqual(expect.any(String));
  });

  it('with identity stopped: catalog data, null for what identity gives, one SUBGRAPH_UNAVAILABLE naming identity, nothing cached', async () => {
    await supergraph.stopSubgraph('identity');
    const partial = await supergraph.graphql(LISTING);
    expect(partial.status).toBe(200);
    expect(partial.body.data.products.edges).toEqual(
      whole.body.data.products.edges.map(({ node }: { node: { id: string; title: string; seller: { id: string } } }) => ({
        node: { id: node.id, title: node.title, seller: { id: node.seller.id, firstName: null } },
      })),
    );
    expect(errorsOf(partial)).toEqual([{ message: expect.stringMatching(/identity/), code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'identity' }]);
    expect(JSON.stringify(partial.body.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:\d{4,5}\//);
    expect(partial.headers.get(CACHE_STATUS_HEADER)).toBe('BYPASS');
  });

  it('opens the circuit on the 5th failed attempt (the first request made 4), then fails fast; /ready and /metrics show it', async () => {
    expect((await readiness())?.circuit).toBe('closed');
    const opening = await supergraph.graphql(LISTING);
    expect(errorsOf(opening).map((e) => e.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    // Fail-fast: still a partial answer, and no further attempt is made (the failure count stays at 5).
    const whileOpen = await supergraph.graphql(LISTING);
    expect(whileOpen.body.data.products.edges).toHaveLength(2);
    expect(errorsOf(whileOpen).map((e) => e.subgraph)).toEqual(['identity']);
    expect(await metric(/threadly_gateway_subgraph_fetch_failures_total\{subgraph="identity"\} (\d+)/)).toBe('5');
    expect(await metric(/threadly_gateway_subgraph_circuit_state\{subgraph="identity"\} (\d+)/)).toBe('2');
    expect(await metric(/threadly_gateway_subgraph_circuit_state\{subgraph="catalog"\} (\d+)/)).toBe('0');
    expect(Number(await metric(/threadly_gateway_subgraph_fetch_retries_total\{subgraph="identity"\} (\d+)/))).toBeGreaterThanOrEqual(3);
    expect(await readiness()).toMatchObject({ ready: false, circuit: 'open' });
  });

  it('after identity returns, the half-open probe closes the circuit and answers are whole again', async () => {
    await supergraph.restartSubgraph('identity');
    // Bounded wait for the cool-down to pass: until then the circuit is open and answers stay partial.
    let answer = await supergraph.graphql(LISTING);
    for (let tries = 0; answer.body.errors && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await supergraph.graphql(LISTING);
    }
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.products.edges[0].node.seller.firstName).toBe(whole.body.data.products.edges[0].node.seller.firstName);
    expect(await readiness()).toMatchObject({ ready: true, circuit: 'closed' });
    expect(await metric(/threadly_gateway_subgraph_circuit_state\{subgraph="identity"\} (\d+)/)).toBe('0');
  });
});
