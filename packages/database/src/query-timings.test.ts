import { describe, expect, it } from 'vitest';
import { createQueryTimings, firstSqlKeyword, type QueryTiming } from './query-timings.ts';

describe('firstSqlKeyword', () => {
  it('names raw SQL by its first keyword, after comments, from every form Prisma hands an extension', () => {
    expect(firstSqlKeyword({ strings: ['/* background: sweep */ SELECT id FROM t WHERE x = ', ''], values: [1] })).toBe('SELECT');
    expect(firstSqlKeyword(['\n  -- why\n  with recent AS (SELECT 1) SELECT * FROM recent'])).toBe('WITH');
    expect(firstSqlKeyword('update "catalog"."Product" SET x = 1')).toBe('UPDATE');
    expect(firstSqlKeyword({ strings: ['', ''], values: [1] })).toBe('SQL');
    expect(firstSqlKeyword(undefined)).toBe('SQL');
  });
});

describe('createQueryTimings', () => {
  it('reports to the one current listener: a subgraph served again does not count twice', () => {
    const timings = createQueryTimings();
    const first: QueryTiming[] = [];
    const second: QueryTiming[] = [];
    const timing = { model: 'Product', operation: 'findMany', durationMs: 3, failed: false };
    timings.report(timing);
    timings.listen((t) => first.push(t));
    timings.report(timing);
    timings.listen((t) => second.push(t));
    timings.report(timing);
    expect([first.length, second.length]).toEqual([1, 1]);
  });
});
