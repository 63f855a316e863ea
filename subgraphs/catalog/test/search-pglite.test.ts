// The PostgreSQL search engine on the embedded database (PGlite, what `npm start` runs without DATABASE_URL):
// pg_trgm is loaded from PGlite's contrib build, the migration creates the index, typos and filters work.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, resolveDatabase, type ResolvedDatabase } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import { createCatalogPrisma, type CatalogPrisma } from '../src/database.ts';
import { PostgresSearchEngine } from '../src/search/postgres-search-engine.ts';
import { seedCatalog } from '../src/seed.ts';

let database: ResolvedDatabase;
let prisma: CatalogPrisma;
let engine: PostgresSearchEngine;
const data = generateDemoData({ users: 6, products: 60 });

beforeAll(async () => {
  database = await resolveDatabase({ poolSize: 1 });
  await applyMigrations(database.pool, 'catalog', fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  prisma = createCatalogPrisma(database.pool);
  await seedCatalog(prisma, data);
  engine = new PostgresSearchEngine(prisma);
  await engine.rebuild({ batchSize: 25 });
}, 120_000);
afterAll(async () => {
  await prisma?.$disconnect();
  await database?.close();
});

const request = (query: string) => ({ query, filter: {}, sort: 'RELEVANCE' as const, offset: 0, limit: 10 });

describe('PostgreSQL search on PGlite', () => {
  it('runs embedded, and finds a listing by its exact title and with a one-letter typo', async () => {
    expect(database.embedded).toBe(true);
    const listing = data.products.find((product) => product.status === 'ACTIVE' && product.title.split(' ').some((word) => word.length >= 6))!;
    const exact = await engine.search(request(listing.title.toLowerCase()));
    expect(exact.hits[0]!.productId).toBe(listing.id);
    const word = listing.title.split(' ').find((candidate) => candidate.length >= 6)!.toLowerCase();
    const typo = `${word.slice(0, 2)}${word.slice(3)}`;
    const found = await engine.search({ ...request(typo), limit: 100 });
    expect(found.hits.map((hit) => hit.productId)).toContain(listing.id);
  });

  it('counts only ACTIVE listings, with facets that add up', async () => {
    const all = await engine.search(request(''));
    expect(all.total).toBe(data.products.filter((product) => product.status === 'ACTIVE').length);
    expect(all.facets.condition.reduce((sum, facet) => sum + facet.count, 0)).toBe(all.total);
  });
});
