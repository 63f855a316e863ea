// The consistency check finds every kind of drift between the PostgreSQL search index and the database, and a
// rebuild repairs it while searches keep being answered in full.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSearchConsistency } from '../src/search/consistency-check.ts';
import { PostgresSearchEngine } from '../src/search/postgres-search-engine.ts';
import { SearchDocumentSource } from '../src/search/search-document-source.ts';
import { startSearchHarness, type SearchHarness } from './search/search-harness.ts';

let harness: SearchHarness;
let engine: PostgresSearchEngine;
let source: SearchDocumentSource;
beforeAll(async () => {
  harness = await startSearchHarness({});
  engine = new PostgresSearchEngine(harness.prisma);
  source = new SearchDocumentSource(harness.prisma);
}, 60_000);
afterAll(() => harness?.close());

const browseAll = { query: '', filter: {}, sort: 'NEWEST' as const, offset: 0, limit: 1 };

describe('search index maintenance', () => {
  it('is in sync after seeding, reports missing, extra and stale listings, and a rebuild repairs them under traffic', async () => {
    const clean = await checkSearchConsistency(engine, source);
    expect(clean).toMatchObject({ missing: [], extra: [], stale: [] });
    expect(clean.indexed).toBe(clean.expected);
    expect(clean.expected).toBeGreaterThan(20);

    // Drift as a lost event would leave it: changes written behind the indexer's back.
    const active = await harness.prisma.product.findMany({ where: { status: 'ACTIVE' }, orderBy: { id: 'asc' }, take: 3 });
    const [lost, sold, renamed] = active.map((product) => product.id);
    await harness.pool.query(`DELETE FROM catalog."SearchDocument" WHERE "productId" = $1`, [lost]);
    await harness.pool.query(`UPDATE catalog."Product" SET status = 'SOLD' WHERE id = $1`, [sold]);
    await harness.pool.query(`UPDATE catalog."Product" SET title = 'Renamed', "updatedAt" = now() WHERE id = $1`, [renamed]);
    const drift = await checkSearchConsistency(engine, source);
    expect(drift).toMatchObject({ missing: [lost], extra: [sold], stale: [renamed] });

    const expectedTotal = drift.expected;
    let searching = true;
    const totals: number[] = [];
    const traffic = (async () => {
      while (searching) totals.push((await engine.search(browseAll)).total);
    })();
    const progress: number[] = [];
    const { indexed } = await engine.rebuild({ batchSize: 7, onProgress: ({ done }) => progress.push(done) });
    searching = false;
    await traffic;

    expect(indexed).toBe(expectedTotal);
    expect(progress.at(-1)).toBe(expectedTotal);
    expect(progress.length).toBeGreaterThan(3);
    // Never an empty or half-built index: every search during the rebuild saw every listing except the one that
    // was missing (and, until the final sweep, the sold one).
    expect(totals.length).toBeGreaterThan(0);
    for (const total of totals) expect(total).toBeGreaterThanOrEqual(expectedTotal - 1);
    expect(await checkSearchConsistency(engine, source)).toMatchObject({ missing: [], extra: [], stale: [], indexed: expectedTotal });
    const renamedResult = await engine.search({ ...browseAll, query: 'renamed', limit: 5 });
    expect(renamedResult.hits.map((hit) => hit.productId)).toContain(renamed);
  });
});
