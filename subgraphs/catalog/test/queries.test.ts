import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { codeOf, fieldOf, startCatalog, type CatalogHarness } from './harness.ts';

let catalog: CatalogHarness;
beforeAll(async () => {
  catalog = await startCatalog();
}, 60_000);
afterAll(() => catalog?.close());

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: ProductFilter) {
  products(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    edges { cursor node { id createdAt price { amount } condition category { id slug } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Page {
  products: {
    edges: Array<{ cursor: string; node: { id: string; createdAt: string; price: { amount: number }; condition: string; category: { id: string; slug: string } } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  };
}

/** The shop's order, computed independently of the subgraph. */
const activeIdsNewestFirst = () =>
  catalog.data.products
    .filter((product) => product.status === 'ACTIVE')
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((product) => product.id);

describe('seed', () => {
  it('is idempotent', async () => {
    expect(await catalog.hasData()).toBe(true);
    expect(await catalog.reseed()).toEqual({ rows: 0 });
  });
});

describe('categories', () => {
  it('lists the roots with their children', async () => {
    const result = await catalog.request<{ categories: Array<{ slug: string; parent: null; children: Array<{ slug: string; parent: { slug: string } }> }> }>(
      '{ categories { slug parent { slug } children { slug parent { slug } } } }',
    );
    expect(result.errors).toBeUndefined();
    const roots = result.data!.categories;
    expect(roots.length).toBe(catalog.data.categories.filter((category) => category.parentId === null).length);
    for (const root of roots) {
      expect(root.parent).toBeNull();
      for (const child of root.children) expect(child.parent.slug).toBe(root.slug);
    }
    expect(roots.some((root) => root.children.length > 0)).toBe(true);
  });

  it('counts ACTIVE products in a category and its sub-categories', async () => {
    const result = await catalog.request<{ categories: Array<{ id: string; productCount: number; children: Array<{ productCount: number }> }> }>(
      '{ categories { id productCount children { productCount } } }',
    );
    const { categories, products } = catalog.data;
    const rootOf = (categoryId: string): string => {
      const parentId = categories.find((category) => category.id === categoryId)?.parentId;
      return parentId ? rootOf(parentId) : categoryId;
    };
    for (const root of result.data!.categories) {
      const expected = products.filter((product) => product.status === 'ACTIVE' && rootOf(product.categoryId) === root.id).length;
      expect(root.productCount).toBe(expected);
      expect(root.children.reduce((sum, child) => sum + child.productCount, 0)).toBeLessThanOrEqual(expected);
    }
  });

  it('finds a category by slug, and NOT_FOUND for an unknown slug', async () => {
    const slug = catalog.data.categories[0]!.slug;
    const found = await catalog.request<{ category: { slug: string } }>('query ($slug: String!) { category(slug: $slug) { slug } }', { slug });
    expect(found.data?.category.slug).toBe(slug);
    const missing = await catalog.request('{ category(slug: "no-such-category") { slug } }');
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });
});

describe('product', () => {
  const PRODUCT = 'query ($id: ID!) { product(id: $id) { id status seller { id } images { position } } }';

  it('returns an active product with its images in order', async () => {
    const product = catalog.data.products.find((row) => row.status === 'ACTIVE')!;
    const result = await catalog.request<{ product: { id: string; seller: { id: string }; images: Array<{ position: number }> } }>(PRODUCT, { id: product.id });
    expect(result.data?.product.seller.id).toBe(product.sellerId);
    const positions = result.data!.product.images.map((image) => image.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.length).toBeGreaterThan(0);
  });

  it('is NOT_FOUND for unknown and malformed ids', async () => {
    expect(codeOf(await catalog.request(PRODUCT, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(codeOf(await catalog.request(PRODUCT, { id: 'not-a-uuid' }))).toBe('NOT_FOUND');
  });

  it('shows drafts only to their seller and admins', async () => {
    const draft = catalog.data.products.find((row) => row.status === 'DRAFT')!;
    const stranger = catalog.data.users.find((user) => user.id !== draft.sellerId && user.role !== 'ADMIN')!;
    expect(codeOf(await catalog.request(PRODUCT, { id: draft.id }))).toBe('NOT_FOUND');
    expect(codeOf(await catalog.request(PRODUCT, { id: draft.id }, { userId: stranger.id, role: stranger.role }))).toBe('NOT_FOUND');
    const own = await catalog.request<{ product: { status: string } }>(PRODUCT, { id: draft.id }, { userId: draft.sellerId, role: 'SELLER' });
    expect(own.data?.product.status).toBe('DRAFT');
    const admin = await catalog.request<{ product: { status: string } }>(PRODUCT, { id: draft.id }, { userId: DEMO_ACCOUNTS.admin.id, role: 'ADMIN' });
    expect(admin.data?.product.status).toBe('DRAFT');
  });
});

describe('products', () => {
  it('pages forward through every ACTIVE product, newest first, without duplicates or gaps', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 100; guard += 1) {
      const result = await catalog.request<Page>(PAGE, { first: 7, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data!.products;
      seen.push(...edges.map((edge) => edge.node.id));
      expect(pageInfo.hasPreviousPage).toBe(after !== undefined);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(activeIdsNewestFirst());
  });

  it('pages backward with last/before to the same order', async () => {
    const expected = activeIdsNewestFirst();
    const seen: string[] = [];
    let before: string | undefined;
    for (let guard = 0; guard < 100; guard += 1) {
      const result = await catalog.request<Page>(PAGE, { last: 9, before });
      const { edges, pageInfo } = result.data!.products;
      seen.unshift(...edges.map((edge) => edge.node.id));
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('filters by a category including its sub-categories, and by price and condition', async () => {
    const root = catalog.data.categories.find((category) => category.parentId === null)!;
    const subtree = new Set([root.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const category of catalog.data.categories) {
        if (category.parentId && subtree.has(category.parentId) && !subtree.has(category.id)) grew = subtree.add(category.id) !== undefined;
      }
    }
    const filter = { categorySlug: root.slug, minPrice: 500, maxPrice: 5000, conditions: ['GOOD', 'VERY_GOOD'] };
    const result = await catalog.request<Page>(PAGE, { first: 100, filter });
    expect(result.errors).toBeUndefined();
    const expected = catalog.data.products.filter(
      (p) => p.status === 'ACTIVE' && subtree.has(p.categoryId) && p.priceAmount >= 500 && p.priceAmount <= 5000 && ['GOOD', 'VERY_GOOD'].includes(p.condition),
    );
    expect(result.data!.products.edges.map((edge) => edge.node.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it('rejects bad filters and cursors with BAD_USER_INPUT naming the field', async () => {
    const inverted = await catalog.request(PAGE, { filter: { minPrice: 500, maxPrice: 100 } });
    expect([codeOf(inverted), fieldOf(inverted)]).toEqual(['BAD_USER_INPUT', 'filter.maxPrice']);
    const negative = await catalog.request(PAGE, { filter: { minPrice: -1 } });
    expect([codeOf(negative), fieldOf(negative)]).toEqual(['BAD_USER_INPUT', 'filter.minPrice']);
    const unknownCategory = await catalog.request(PAGE, { filter: { categorySlug: 'nope' } });
    expect([codeOf(unknownCategory), fieldOf(unknownCategory)]).toEqual(['BAD_USER_INPUT', 'filter.categorySlug']);
    const cursor = await catalog.request(PAGE, { after: 'garbage' });
    expect([codeOf(cursor), fieldOf(cursor)]).toEqual(['BAD_USER_INPUT', 'after']);
    const huge = await catalog.request(PAGE, { first: 101 });
    expect([codeOf(huge), fieldOf(huge)]).toEqual(['BAD_USER_INPUT', 'first']);
  });

  it('runs the same number of SQL statements for 5 and 50 products with every relation selected', async () => {
    const query = `query ($first: Int) { products(first: $first) { edges { node {
      seller { id } category { name parent { name } } images { url } favoritesCount isFavorited price { amount } } } } }`;
    const viewer = { userId: DEMO_ACCOUNTS.buyer.id, role: 'BUYER' as const };
    const counts: number[] = [];
    for (const first of [5, 50]) {
      catalog.statements.reset();
      const result = await catalog.request<Page>(query, { first }, viewer);
      expect(result.errors).toBeUndefined();
      expect(result.data!.products.edges.length).toBe(first);
      counts.push(catalog.statements.statements.length);
    }
    console.info(`products(first: 5 | 50) with all relations: ${counts.join(' | ')} SQL statements`);
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(7);
  });
});
