// Listing search through the real gateway: the mobile app's own search document, other subgraphs' fields on the
// results batch-loaded (statement counts do not grow with the page), and the search cache tier on the response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { SearchProductsDocument } from '@threadly/mobile-client';
import { startTestSupergraph, statementsBySchema, type TestSupergraph } from './support/test-supergraph.ts';

let supergraph: TestSupergraph;
beforeAll(async () => {
  supergraph = await startTestSupergraph();
}, 120_000);
afterAll(() => supergraph?.close());

describe('searchProducts through the gateway', () => {
  it("answers the mobile app's search with results, facets and highlights", async () => {
    const { data, errors } = await supergraph.execute(SearchProductsDocument, { query: '', first: 10 }, { as: DEMO_ACCOUNTS.buyer.id });
    expect(errors).toBeUndefined();
    const search = data!.searchProducts;
    expect(search.edges).toHaveLength(10);
    expect(search.totalCount).toBeGreaterThan(10);
    expect(search.facets.conditions.reduce((sum, facet) => sum + facet.count, 0)).toBe(search.totalCount);
    const word = search.edges[0]!.node.title.split(' ').find((candidate) => candidate.length >= 4)!;
    const matched = await supergraph.execute(SearchProductsDocument, { query: word }, { as: DEMO_ACCOUNTS.buyer.id });
    expect(matched.data!.searchProducts.edges[0]!.highlightedTitle).toContain('<mark>');
  });

  it('runs the same SQL statements per subgraph for 5 and for 50 results', async () => {
    const query = `query($first: Int!) { searchProducts(first: $first, sort: PRICE_ASC) { edges { node {
      title seller { displayName } category { name } favoritesCount isFavorited images { url } } }
      facets { categories { category { name } count } } } }`;
    await supergraph.graphql('{ __typename }', {}, { as: DEMO_ACCOUNTS.buyer.id });
    const counts: Array<Record<string, number>> = [];
    for (const first of [5, 50]) {
      supergraph.statements.reset();
      const { body } = await supergraph.graphql(query, { first }, { as: DEMO_ACCOUNTS.buyer.id });
      expect(body.errors).toBeUndefined();
      expect(body.data.searchProducts.edges).toHaveLength(first);
      counts.push(statementsBySchema(supergraph.statements.statements));
    }
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[1]!.identity).toBe(1);
  });

  it('is cacheable for 5 minutes by anyone, and refuses an over-long query', async () => {
    const { headers, body } = await supergraph.graphql('{ searchProducts(query: "dress", first: 3) { totalCount edges { node { id title } } } }');
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('max-age=300, public');
    const refused = await supergraph.graphql('query($q: String) { searchProducts(query: $q) { totalCount } }', { q: 'x'.repeat(201) });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
