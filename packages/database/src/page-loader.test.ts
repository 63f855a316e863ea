import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { encodeCursor, planKeyset, type KeysetPlan } from './keyset-pagination.ts';
import { createPageLoader, keysetWindowQuery, type PagedRow } from './page-loader.ts';

interface Item {
  id: string;
  parentId: string;
  createdAt: Date;
  kind: string;
}

let database: TestDatabase;
const parents = [randomUUID(), randomUUID(), randomUUID()];
// Seven items per parent, two of them sharing a timestamp so the id has to break the tie.
const items: Item[] = parents.flatMap((parentId, p) =>
  Array.from({ length: 7 }, (_, i) => ({
    id: randomUUID(),
    parentId,
    createdAt: new Date(Date.UTC(2026, 0, 1 + p, Math.min(i, 5))),
    kind: i % 2 === 0 ? 'even' : 'odd',
  })),
);

/** What one page of `parentId` must hold, computed the slow way (`after`/`before` are items, not cursors). */
function expectedPage(parentId: string, page: { after?: Item; before?: Item; limit: number; inverted: boolean }, kind?: string): string[] {
  const newerFirst = (a: Item, b: Item) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1);
  const window = items
    .filter((item) => item.parentId === parentId && (!kind || item.kind === kind))
    .filter((item) => (!page.after || newerFirst(page.after, item) < 0) && (!page.before || newerFirst(item, page.before) < 0))
    .sort(newerFirst);
  const taken = page.inverted ? window.slice(-page.limit).reverse() : window.slice(0, page.limit);
  return taken.map((item) => item.id);
}

const cursorOf = (item: Item) => encodeCursor({ at: item.createdAt, id: item.id });

async function readPages(plan: KeysetPlan, kind?: string): Promise<PagedRow[]> {
  const [text, ...values] = keysetWindowQuery(
    { table: 'pages."Item"', parent: 'parentId', at: 'createdAt', id: 'id', where: (param) => (kind ? [`t."kind" = ${param(kind)}`] : []) },
    parents,
    plan,
  );
  return (await database.pool.query<PagedRow>(text, values)).rows;
}

const idsOf = (rows: PagedRow[], parentId: string) => rows.filter((row) => row.parentId === parentId).map((row) => row.id);

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query('CREATE SCHEMA pages; CREATE TABLE pages."Item" ("id" uuid PRIMARY KEY, "parentId" uuid NOT NULL, "createdAt" timestamp(3) NOT NULL, "kind" text NOT NULL)');
  for (const item of items) {
    await database.pool.query('INSERT INTO pages."Item" VALUES ($1, $2, $3, $4)', [item.id, item.parentId, item.createdAt.toISOString(), item.kind]);
  }
});
afterAll(() => database?.close());

describe('keysetWindowQuery', () => {
  it('reads the first page of every parent, newest first, in one statement', async () => {
    const page = { limit: 3, inverted: false };
    const rows = await readPages(planKeyset(page));
    for (const parentId of parents) expect(idsOf(rows, parentId)).toEqual(expectedPage(parentId, page));
  });

  it('continues after a cursor, through timestamp ties', async () => {
    const cursorItem = items.find((item) => item.parentId === parents[1] && item.createdAt.getUTCHours() === 5)!;
    const rows = await readPages(planKeyset({ after: cursorOf(cursorItem), limit: 3, inverted: false }));
    expect(idsOf(rows, parents[1]!)).toEqual(expectedPage(parents[1]!, { after: cursorItem, limit: 3, inverted: false }));
    expect(idsOf(rows, parents[1]!)).toHaveLength(3);
  });

  it('pages backwards before a cursor, and applies extra conditions', async () => {
    const cursorItem = items.find((item) => item.parentId === parents[2] && item.createdAt.getUTCHours() === 0)!;
    const rows = await readPages(planKeyset({ before: cursorOf(cursorItem), limit: 2, inverted: true }), 'odd');
    expect(idsOf(rows, parents[2]!)).toEqual(expectedPage(parents[2]!, { before: cursorItem, limit: 2, inverted: true }, 'odd'));
    expect(idsOf(rows, parents[2]!)).toHaveLength(2);
  });
});

describe('createPageLoader', () => {
  it('answers every parent asked in the same tick from one statement per page and filter', async () => {
    const calls: Array<{ parentIds: string[]; filter: string | null }> = [];
    const loader = createPageLoader<string | null>(async (parentIds, plan, filter) => {
      calls.push({ parentIds, filter });
      return readPages(plan, filter ?? undefined);
    });
    const plan = planKeyset({ limit: 2, inverted: false });
    const [first, second, third, odd, malformed] = await Promise.all([
      ...parents.map((parentId) => loader.load({ parentId, plan, filter: null })),
      loader.load({ parentId: parents[0]!, plan, filter: 'odd' }),
      loader.load({ parentId: 'not-a-uuid', plan, filter: null }),
    ]);
    expect(calls).toHaveLength(2);
    expect([first, second, third].map((rows) => rows!.map((row) => row.id))).toEqual(parents.map((parentId) => expectedPage(parentId, { limit: 2, inverted: false })));
    expect(odd!.map((row) => row.id)).toEqual(expectedPage(parents[0]!, { limit: 2, inverted: false }, 'odd'));
    expect(malformed).toEqual([]);
  });
});
