// Listing search on 20,000 listings: p50/p95 latency of typical searches at the catalog subgraph (HTTP GraphQL),
// with the search cache and without it, and indexing throughput (full rebuild, and one listing per event).
// Usage: DATABASE_URL=postgres://… [REDIS_URL=redis://…] [MEILI_HOST=http://…] npx tsx bench/search.ts [listings] [requests per query]
// Without DATABASE_URL: embedded PGlite. With REDIS_URL the cache is in Redis, as in production; MEILI_HOST benches Meilisearch.
import { fileURLToPath } from 'node:url';
import { createCatalogSubgraph } from '@threadly/catalog';
import { applyMigrations } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import { createLogger } from '@threadly/logger';
import { startSubgraphServer } from '@threadly/subgraph-runtime';
import { createTestDatabase } from '@threadly/testing';
import { createCatalogPrisma } from '../subgraphs/catalog/src/database.ts';
import { createSearchEngine } from '../subgraphs/catalog/src/search/create-search.ts';
import { seedCatalog } from '../subgraphs/catalog/src/seed.ts';

const listings = Number(process.argv[2] ?? 20_000);
const requestsPerQuery = Number(process.argv[3] ?? 100);
const meiliHost = process.env.MEILI_HOST;
const search = {
  meilisearch: meiliHost ? { host: meiliHost, apiKey: process.env.MEILI_API_KEY, indexUid: `bench_products_${Date.now()}` } : undefined,
  redisUrl: process.env.REDIS_URL,
  cacheKeyPrefix: `bench:search:${Date.now()}:`,
};
const SEARCH = `query ($query: String, $filter: ProductSearchFilter, $sort: ProductSearchSort) {
  searchProducts(query: $query, filter: $filter, sort: $sort, first: 20) {
    totalCount edges { highlightedTitle node { id title brand size price { amount currency } images { url } } }
    facets { categories { category { name } count } conditions { condition count } sizes { value count } brands { value count } }
  }
}`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const logger = createLogger('bench', 'silent');

console.log(`seeding ${listings} listings…`);
const database = await createTestDatabase();
try {
  await applyMigrations(database.pool, 'catalog', fileURLToPath(new URL('../subgraphs/catalog/prisma/migrations', import.meta.url)));
  const data = generateDemoData({ users: Math.max(20, Math.round(listings / 100)), products: listings });
  const prisma = createCatalogPrisma(database.pool);
  await seedCatalog(prisma, data);
  const engine = createSearchEngine(prisma, search);
  const active = data.products.filter((product) => product.status === 'ACTIVE');

  console.log('indexing…');
  let started = performance.now();
  const { indexed } = await engine.rebuild({ batchSize: 500 });
  const rebuildSeconds = (performance.now() - started) / 1000;
  const sample = active.slice(0, 500).map((product) => product.id);
  started = performance.now();
  for (const id of sample) await engine.sync([id]);
  const perEventSeconds = (performance.now() - started) / 1000;

  const leaf = data.categories.find((category) => category.parentId !== null)!;
  const root = data.categories.find((category) => category.parentId === null)!;
  const words = active.slice(0, 50).flatMap((product) => product.title.toLowerCase().split(' ').filter((word) => word.length >= 5));
  const word = words[0]!;
  const typo = `${word.slice(0, 2)}${word.slice(3)}`;
  const queries: Array<[string, Record<string, unknown>]> = [
    ['browse (empty query)', {}],
    [`one word ("${word}")`, { query: word }],
    [`two words ("${words[1]} ${words[2]}")`, { query: `${words[1]} ${words[2]}` }],
    [`typo ("${typo}")`, { query: typo }],
    ['word + category + price', { query: word, filter: { categoryId: root.id, minPrice: 1000, maxPrice: 10000 } }],
    ['browse a sub-category by price', { filter: { categoryId: leaf.id }, sort: 'PRICE_ASC' }],
    ['word + condition + size, newest', { query: words[3], filter: { conditions: ['GOOD', 'VERY_GOOD'], sizes: ['m', 'l'] }, sort: 'NEWEST' }],
  ];

  const serve = async (settings: typeof search & { cacheTtlSeconds?: number }) => {
    const definition = createCatalogSubgraph({ pool: database.pool, identitySecret: 'bench-secret-at-least-32-characters-long', search: settings, logger });
    const server = await startSubgraphServer(definition, { port: 0, production: true, logger, checkReady: async () => undefined });
    return { url: server.url, stop: async () => (await server.stop(), await definition.close()) };
  };
  console.log('measuring…');
  const servers = { cached: await serve(search), uncached: await serve({ ...search, cacheTtlSeconds: 0 }) };
  const post = async (url: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SEARCH, variables }) });
    const body = (await response.json()) as { errors?: Array<{ message: string }>; data?: { searchProducts: { totalCount: number } } };
    if (body.errors) throw new Error(body.errors[0]!.message);
    return body.data!.searchProducts.totalCount;
  };

  console.log(`\nengine: ${engine.name}; cache: ${search.redisUrl ? 'Redis' : 'in-process'}; ${indexed} ACTIVE listings indexed; ${requestsPerQuery} sequential requests per query and mode`);
  console.log(`${'query'.padEnd(44)} ${'matches'.padStart(7)}  ${'uncached p50/p95 ms'.padStart(20)}  ${'cached p50/p95 ms'.padStart(18)}`);
  for (const [name, variables] of queries) {
    const timings: Record<string, number[]> = { cached: [], uncached: [] };
    let matches = 0;
    for (const mode of ['uncached', 'cached'] as const) {
      matches = await post(servers[mode].url, variables); // warm-up (fills the cache in the cached mode)
      for (let i = 0; i < requestsPerQuery; i += 1) {
        const at = performance.now();
        await post(servers[mode].url, variables);
        timings[mode]!.push(performance.now() - at);
      }
      timings[mode]!.sort((a, b) => a - b);
    }
    const show = (values: number[]) => `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)}`;
    console.log(`${name.padEnd(44)} ${String(matches).padStart(7)}  ${show(timings.uncached!).padStart(20)}  ${show(timings.cached!).padStart(18)}`);
  }
  console.log(`\nindexing: full rebuild ${indexed} listings in ${rebuildSeconds.toFixed(1)} s = ${Math.round(indexed / rebuildSeconds)} listings/s (batches of 500);`);
  console.log(`          one listing per event (the indexer's sync) ${sample.length} in ${perEventSeconds.toFixed(1)} s = ${Math.round(sample.length / perEventSeconds)} listings/s`);
  await servers.cached.stop();
  await servers.uncached.stop();
  await engine.close();
  await prisma.$disconnect();
} finally {
  await database.close();
}
