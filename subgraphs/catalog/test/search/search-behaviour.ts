import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderPaid, userDeleted } from '@threadly/event-contracts';
import type { Viewer } from '@threadly/identity-headers';
import { ReservationService } from '../../src/services/reservation.service.ts';
import type { CatalogSearchSettings } from '../../src/search/create-search.ts';
import { startSearchHarness, type SearchHarness } from './search-harness.ts';

const SEARCH = `query ($query: String, $filter: ProductSearchFilter, $sort: ProductSearchSort, $first: Int, $after: String) {
  searchProducts(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor highlightedTitle highlightedDescription node { id title status brand size condition price { amount } category { id } } }
    pageInfo { hasNextPage endCursor }
    facets { categories { category { id } count } conditions { condition count } sizes { value count } brands { value count } }
  }
}`;

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; highlightedTitle: string | null; highlightedDescription: string | null; node: { id: string; title: string; status: string; brand: string | null; size: string | null; condition: string; price: { amount: number }; category: { id: string } } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  facets: { categories: Array<{ category: { id: string }; count: number }>; conditions: Array<{ condition: string; count: number }>; sizes: Array<{ value: string; count: number }>; brands: Array<{ value: string; count: number }> };
}

type Fixture = { title: string; brand: string | null; size: string; color: string; condition: string; price: number; leaf: 'a' | 'b'; description?: string };

/** One seller's listings; every search below is narrowed to that seller, so the demo catalog cannot disturb counts. */
const FIXTURES: Fixture[] = [
  { title: 'Vintage denim jacket', brand: "Levi's", size: 'M', color: 'Blue', condition: 'GOOD', price: 4500, leaf: 'a', description: 'A classic trucker jacket, barely faded.' },
  { title: 'Denim jacket with vintage patches', brand: 'Wrangler', size: 'L', color: 'Blue', condition: 'VERY_GOOD', price: 3900, leaf: 'a' },
  { title: 'Cropped denim jacket', brand: "Levi's", size: 'S', color: 'Black', condition: 'NEW_WITH_TAGS', price: 5200, leaf: 'a' },
  { title: 'Wool winter coat', brand: 'Zara', size: 'M', color: 'Grey', condition: 'GOOD', price: 8900, leaf: 'b' },
  { title: 'Running sneakers', brand: 'Nike', size: '42', color: 'White', condition: 'FAIR', price: 3000, leaf: 'b' },
  { title: 'Leather ankle boots', brand: null, size: '39', color: 'Brown', condition: 'VERY_GOOD', price: 6100, leaf: 'b' },
  ...[1, 2, 3, 4, 5, 6].map((n): Fixture => ({ title: `Striped linen shirt no. ${n}`, brand: 'Uniqlo', size: n % 2 ? 'M' : 'L', color: 'White', condition: 'GOOD', price: 1000 + n * 100, leaf: 'a' })),
];

/**
 * The behaviour every search engine must show, through the subgraph's GraphQL API with the real event path
 * (mutations → outbox → relay → indexer). Run per engine by search-postgres.test.ts and search-meilisearch.test.ts.
 */
export function describeSearchBehaviour(engine: string, settings: () => CatalogSearchSettings) {
  describe(`searchProducts on ${engine}`, () => {
    let harness: SearchHarness;
    const seller: Viewer = { userId: randomUUID(), role: 'SELLER' };
    const ids = new Map<string, string>();
    let leafA: string, leafB: string, rootOfA: string;

    const search = async (variables: Record<string, unknown>): Promise<Page> => {
      const filter = { sellerId: seller.userId, ...(variables.filter as object) };
      const result = await harness.request<{ searchProducts: Page }>(SEARCH, { ...variables, filter });
      expect(result.errors).toBeUndefined();
      return result.data!.searchProducts;
    };
    const titles = (page: Page) => page.edges.map((edge) => edge.node.title);

    beforeAll(async () => {
      harness = await startSearchHarness(settings());
      const leaves = harness.data.categories.filter((category) => !harness.data.categories.some((child) => child.parentId === category.id));
      const rootOf = (id: string): string => {
        const category = harness.data.categories.find((c) => c.id === id)!;
        return category.parentId ? rootOf(category.parentId) : category.id;
      };
      leafA = leaves[0]!.id;
      rootOfA = rootOf(leafA);
      leafB = leaves.find((leaf) => rootOf(leaf.id) !== rootOfA)!.id;
      for (const fixture of FIXTURES) {
        const created = await harness.request<{ createListing: { id: string } }>(
          `mutation ($input: CreateListingInput!) { createListing(input: $input) { id } }`,
          {
            input: {
              title: fixture.title, description: fixture.description ?? `${fixture.title}, from a smoke-free home.`, price: { amount: fixture.price },
              condition: fixture.condition, size: fixture.size, brand: fixture.brand, color: fixture.color, categoryId: fixture.leaf === 'a' ? leafA : leafB,
              images: [{ url: 'https://images.example.com/item.jpg', alt: fixture.title }],
            },
          },
          seller,
        );
        const id = created.data!.createListing.id;
        ids.set(fixture.title, id);
        expect((await harness.request(`mutation ($id: ID!) { publishListing(id: $id) { id } }`, { id }, seller)).errors).toBeUndefined();
      }
      await harness.settle();
    }, 120_000);
    afterAll(() => harness?.close());

    it('ranks an exact title match first, and a one-letter typo still finds it', async () => {
      expect(titles(await search({ query: 'Vintage denim jacket' }))[0]).toBe('Vintage denim jacket');
      const typo = await search({ query: 'vintage denim jaket' });
      expect(titles(typo)).toContain('Vintage denim jacket');
      expect(titles(await search({ query: 'sneakrs' }))).toEqual(['Running sneakers']);
    });

    it('searches brand, category names and description, and knows fashion synonyms', async () => {
      expect(titles(await search({ query: 'wrangler' }))).toEqual(['Denim jacket with vintage patches']);
      expect(titles(await search({ query: 'trucker' }))).toEqual(['Vintage denim jacket']);
      expect(titles(await search({ query: 'trainers' }))).toEqual(['Running sneakers']);
      expect(titles(await search({ query: 'jack' }))).toHaveLength(3);
    });

    it('highlights the matched words, HTML-escaped', async () => {
      const [first] = (await search({ query: 'denim' })).edges;
      expect(first!.highlightedTitle).toMatch(/<mark>denim<\/mark>/i);
      const [levis] = (await search({ query: 'vintage denim jacket', filter: { brands: ["levi's"], sizes: ['m'] } })).edges;
      expect(levis!.node.title).toBe('Vintage denim jacket');
    });

    it('filters by category including sub-categories, price, condition, size, brand and colour', async () => {
      expect((await search({ filter: { categoryId: rootOfA } })).totalCount).toBe(9);
      expect((await search({ filter: { categoryId: leafB } })).totalCount).toBe(3);
      const priced = await search({ filter: { minPrice: 3900, maxPrice: 6100 } });
      expect(priced.edges.every((edge) => edge.node.price.amount >= 3900 && edge.node.price.amount <= 6100)).toBe(true);
      expect(priced.totalCount).toBe(4);
      expect((await search({ filter: { conditions: ['VERY_GOOD', 'FAIR'] } })).totalCount).toBe(3);
      expect((await search({ filter: { sizes: ['l'] } })).totalCount).toBe(4);
      expect((await search({ filter: { brands: ["LEVI'S"] } })).totalCount).toBe(2);
      expect((await search({ filter: { colors: ['blue', 'black'] } })).totalCount).toBe(3);
      expect((await search({ query: 'jacket', filter: { colors: ['black'] } })).edges.map((edge) => edge.node.title)).toEqual(['Cropped denim jacket']);
    });

    it('sorts by newest and by price both ways', async () => {
      const cheapest = await search({ sort: 'PRICE_ASC', first: 100 });
      const prices = cheapest.edges.map((edge) => edge.node.price.amount);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      const dearest = await search({ sort: 'PRICE_DESC', first: 3 });
      expect(titles(dearest)).toEqual(['Wool winter coat', 'Leather ankle boots', 'Cropped denim jacket']);
      expect(titles(await search({ sort: 'NEWEST', first: 1 }))).toEqual(['Striped linen shirt no. 6']);
      expect(titles(await search({ query: '   ', first: 1 }))).toEqual(['Striped linen shirt no. 6']);
    });

    it('has facets that add up to the total', async () => {
      const page = await search({ first: 1 });
      const sum = (counts: Array<{ count: number }>) => counts.reduce((total, facet) => total + facet.count, 0);
      expect(page.totalCount).toBe(FIXTURES.length);
      expect(sum(page.facets.categories)).toBe(page.totalCount);
      expect(sum(page.facets.conditions)).toBe(page.totalCount);
      expect(sum(page.facets.sizes)).toBe(page.totalCount);
      expect(sum(page.facets.brands)).toBe(page.totalCount - 1);
      expect(page.facets.categories).toEqual(expect.arrayContaining([{ category: { id: leafA }, count: 9 }, { category: { id: leafB }, count: 3 }]));
      expect(page.facets.brands[0]).toEqual({ value: 'Uniqlo', count: 6 });
    });

    it('pages through every result once, without duplicates or gaps', async () => {
      for (const variables of [{ sort: 'PRICE_ASC' }, { query: 'shirt' }, { sort: 'NEWEST' }]) {
        const seen: string[] = [];
        let after: string | null = null;
        let page: Page;
        do {
          page = await search({ ...variables, first: 5, after });
          seen.push(...page.edges.map((edge) => edge.node.id));
          after = page.pageInfo.endCursor;
        } while (page.pageInfo.hasNextPage);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(page.totalCount);
      }
    });

    it('refuses an over-long query and bad filters with BAD_USER_INPUT, and is not fooled by filter syntax', async () => {
      const code = async (variables: Record<string, unknown>) => (await harness.request(SEARCH, variables)).errors?.[0]?.extensions?.code;
      expect(await code({ query: 'a'.repeat(201) })).toBe('BAD_USER_INPUT');
      expect(await code({ filter: { minPrice: 500, maxPrice: 100 } })).toBe('BAD_USER_INPUT');
      expect(await code({ filter: { minPrice: -1 } })).toBe('BAD_USER_INPUT');
      expect(await code({ filter: { conditions: ['BROKEN'] } })).toBeDefined();
      expect(await code({ filter: { categoryId: 'x" OR 1=1' } })).toBe('BAD_USER_INPUT');
      expect(await code({ after: 'not-a-cursor' })).toBe('BAD_USER_INPUT');
      expect(await code({ first: 101 })).toBe('BAD_USER_INPUT');
      const injected = await search({ query: `jacket') OR 1=1 --`, filter: { brands: [`x" OR brandKey EXISTS OR brandKey = "`, "'; DROP TABLE x; --"] } });
      expect(injected.totalCount).toBe(0);
    });

    it('drops listings that are archived, reserved and sold, or whose seller is deleted, once their events are handled — cached or not', async () => {
      const jacket = ids.get('Cropped denim jacket')!;
      const before = await search({ query: 'jacket' });
      expect(before.edges.map((edge) => edge.node.id)).toContain(jacket);
      // Checkout reserves it, then the order is paid: commerce's events make it SOLD.
      const orderId = randomUUID();
      const buyerId = randomUUID();
      await new ReservationService(harness.prisma).reserve({ buyerId, productIds: [jacket], orderIds: [orderId], reservedUntil: new Date(Date.now() + 600_000) });
      await harness.publish([orderPaid.create(orderId, { orderId, buyerId, sellerId: seller.userId, productIds: [jacket], paymentIntentId: 'pi_test' })]);
      await harness.settle();
      const status = await harness.prisma.product.findUniqueOrThrow({ where: { id: jacket } });
      expect(status.status).toBe('SOLD');
      const after = await search({ query: 'jacket' });
      expect(after.edges.map((edge) => edge.node.id)).not.toContain(jacket);
      expect(after.totalCount).toBe(before.totalCount - 1);

      const coat = ids.get('Wool winter coat')!;
      expect((await harness.request(`mutation ($id: ID!) { archiveListing(id: $id) { id } }`, { id: coat }, seller)).errors).toBeUndefined();
      await harness.settle();
      expect(titles(await search({ query: 'coat' }))).toEqual([]);

      await harness.publish([userDeleted.create(seller.userId, { userId: seller.userId })]);
      await harness.settle();
      expect((await search({})).totalCount).toBe(0);
    });
  });
}
