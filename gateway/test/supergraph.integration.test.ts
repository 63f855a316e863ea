import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MyDashboardDocument } from '@threadly/mobile-client';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { startTestSupergraph, statementsBySchema, type TestSupergraph } from './support/test-supergraph.ts';

let supergraph: TestSupergraph;

beforeAll(async () => {
  supergraph = await startTestSupergraph();
});
afterAll(() => supergraph?.close());

describe('the supergraph through the gateway', () => {
  it("answers the mobile app's dashboard, one query reaching all four subgraphs", async () => {
    const { data, errors } = await supergraph.execute(MyDashboardDocument, {}, { as: DEMO_ACCOUNTS.buyer.id });
    expect(errors).toBeUndefined();
    const me = data!.me!;
    expect(me.displayName).toBeTruthy();
    const order = me.orders!.edges[0]!.node;
    expect(order.number).toMatch(/^TH-\d{6}$/);
    expect(order.items[0]!.product!.title).toBeTruthy();
    expect(order.seller!.displayName).toBeTruthy();
    const conversation = me.conversations!.edges[0]!.node;
    expect(conversation.product!.title).toBeTruthy();
    expect(conversation.lastMessage!.sender!.displayName).toBeTruthy();
    expect(typeof conversation.unreadCount).toBe('number');
  });

  it("shows the seller's listings with the seller resolved from identity", async () => {
    const { body } = await supergraph.graphql('{ me { id listings(first: 5) { edges { node { title seller { id } } } } } }', {}, {
      as: DEMO_ACCOUNTS.seller.id,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.me.listings.edges).toHaveLength(5);
    for (const edge of body.data.me.listings.edges) expect(edge.node.seller.id).toBe(DEMO_ACCOUNTS.seller.id);
  });

  it('runs the same small number of SQL statements per subgraph for 5 and for 50 products', async () => {
    const query = `query($first: Int!) { products(first: $first) { edges { node {
      title seller { displayName } category { name } favoritesCount isFavorited images { url alt } } } } }`;
    const counts: Array<Record<string, number>> = [];
    // The first signed-in request of a user also resolves them in identity (then cached): keep that out of the count.
    await supergraph.graphql('{ __typename }', {}, { as: DEMO_ACCOUNTS.buyer.id });
    for (const first of [5, 50]) {
      supergraph.statements.reset();
      const { body } = await supergraph.graphql(query, { first }, { as: DEMO_ACCOUNTS.buyer.id });
      expect(body.errors).toBeUndefined();
      expect(body.data.products.edges).toHaveLength(first);
      counts.push(statementsBySchema(supergraph.statements.statements));
    }
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[1]!.identity).toBe(1);
    expect(counts[1]!.catalog).toBeLessThanOrEqual(6);
  });

  it('echoes the caller’s request id, or makes one', async () => {
    const given = await supergraph.graphql('{ __typename }', {}, { headers: { 'x-request-id': 'checkout-7f3a' } });
    expect(given.headers.get('x-request-id')).toBe('checkout-7f3a');
    const made = await supergraph.graphql('{ __typename }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('bad input', () => {
  it('answers malformed GraphQL with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await supergraph.graphql('{ products(first: 5) { edges ');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, body } = await supergraph.graphql('{ products(first: 5) { password } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(supergraph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('gives NOT_FOUND for unknown ids in every subgraph', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const query of [
      'query($id: ID!) { user(id: $id) { id } }',
      'query($id: ID!) { product(id: $id) { id } }',
      'query($id: ID!) { order(id: $id) { id } }',
      'query($id: ID!) { conversation(id: $id) { id } }',
    ]) {
      const { body } = await supergraph.graphql(query, { id: unknown }, { as: DEMO_ACCOUNTS.buyer.id });
      expect(body.errors?.[0]?.extensions?.code, query).toBe('NOT_FOUND');
    }
  });

  it('gives BAD_USER_INPUT naming the wrong field', async () => {
    const { body } = await supergraph.graphql('{ products(first: 5, filter: { minPrice: 5000, maxPrice: 100 }) { edges { node { id } } } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.field).toMatch(/price/i);
  });

  it('requires sign-in for mutations that act for someone', async () => {
    const { body } = await supergraph.graphql('mutation { updateProfile(input: { bio: "hello" }) { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('health', () => {
  it('reports liveness and readiness of every subgraph', async () => {
    const base = new URL(supergraph.gatewayUrl);
    expect((await fetch(new URL('/health', base))).status).toBe(200);
    const ready = await fetch(new URL('/ready', base));
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { subgraphs: Array<{ name: string; ready: boolean }> };
    expect(body.subgraphs.map((s) => s.name).sort()).toEqual(['catalog', 'commerce', 'identity', 'messaging']);
  });

  it('serves Apollo Sandbox in development', async () => {
    const response = await fetch(supergraph.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/sandbox/i);
  });
});
