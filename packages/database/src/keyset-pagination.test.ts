import { describe, expect, it } from 'vitest';
import { assertPageSize, compare, decodeCursor, encodeCursor, MAX_PAGE_SIZE, planKeyset, type KeysetPosition } from './keyset-pagination.ts';

const position: KeysetPosition = { at: new Date('2026-02-01T12:34:56.789Z'), id: '0b9e4c1e-5f0a-4c47-9a3e-2f1d6c8b7a90' };
const other: KeysetPosition = { at: new Date('2026-01-31T08:00:00.000Z'), id: 'f3a1d2c4-7b6e-4d5f-8a9b-0c1d2e3f4a5b' };

/** The GraphQL error `run` throws, as code and field. */
function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const { code, field } = (error as { extensions?: Record<string, unknown> }).extensions ?? {};
    return { code, field };
  }
  throw new Error('expected an error');
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('cursors', () => {
  it('round-trips a position through an opaque, URL-safe cursor', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.id);
    expect(decodeCursor(cursor, 'after')).toEqual(position);
    expect(decodeCursor(cursor, 'before')).toEqual(position);
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['not JSON', base64url('2026-02-01T00:00:00.000Z|0b9e4c1e-5f0a-4c47-9a3e-2f1d6c8b7a90')],
    ['not an array', base64url(JSON.stringify({ at: position.at.toISOString(), id: position.id }))],
    ['a non-uuid id', base64url(JSON.stringify([position.at.toISOString(), 'not-a-uuid']))],
    ['an invalid date', base64url(JSON.stringify(['yesterday', position.id]))],
    ['a numeric timestamp', base64url(JSON.stringify([position.at.getTime(), position.id]))],
    ['a tampered cursor', `${encodeCursor(position).slice(0, -3)}xyz`],
    // Valid JavaScript dates that PostgreSQL's timestamp cannot hold: the query would fail in the database.
    ['year zero', base64url(JSON.stringify(['0000-01-01T00:00:00.000Z', position.id]))],
    ['the earliest JavaScript date', base64url(JSON.stringify(['-271821-04-20T00:00:00.000Z', position.id]))],
    ['the latest JavaScript date', base64url(JSON.stringify(['+275760-09-13T00:00:00.000Z', position.id]))],
    ['a date not written by encodeCursor', base64url(JSON.stringify(['2026-02-01', position.id]))],
  ])('rejects %s with BAD_USER_INPUT naming the argument', (_name, cursor) => {
    expect(errorOf(() => decodeCursor(cursor, 'after'))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorOf(() => decodeCursor(cursor, 'before'))).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
  });
});

describe('assertPageSize', () => {
  it(`accepts 0..${MAX_PAGE_SIZE} and absent sizes`, () => {
    for (const size of [0, 1, 20, MAX_PAGE_SIZE]) {
      expect(() => assertPageSize({ first: size })).not.toThrow();
      expect(() => assertPageSize({ last: size })).not.toThrow();
    }
    expect(() => assertPageSize({})).not.toThrow();
    expect(() => assertPageSize({ first: null, last: null })).not.toThrow();
  });

  it('refuses sizes outside 0..100 with BAD_USER_INPUT naming the argument', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    for (const size of [-1, MAX_PAGE_SIZE + 1, 10_000]) {
      expect(errorOf(() => assertPageSize({ first: size }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(errorOf(() => assertPageSize({ last: size }))).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
    }
    expect(errorOf(() => assertPageSize({ first: 5, last: 101 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
  });
});

describe('planKeyset', () => {
  it('plans a first page newest first with no bounds', () => {
    expect(planKeyset({ limit: 21, inverted: false })).toEqual({ bounds: [], order: { at: 'desc', id: 'desc' }, take: 21 });
  });

  it('plans a forward page after a cursor: older rows, ties broken by a smaller id', () => {
    expect(planKeyset({ after: encodeCursor(position), limit: 6, inverted: false })).toEqual({
      bounds: [{ op: 'lt', idOp: 'lt', ...position }],
      order: { at: 'desc', id: 'desc' },
      take: 6,
    });
  });

  it('plans a backward page before a cursor: newer rows, read oldest first', () => {
    expect(planKeyset({ before: encodeCursor(position), limit: 6, inverted: true })).toEqual({
      bounds: [{ op: 'gt', idOp: 'gt', ...position }],
      order: { at: 'asc', id: 'asc' },
      take: 6,
    });
  });

  it('bounds a page on both sides when given after and before', () => {
    const plan = planKeyset({ after: encodeCursor(position), before: encodeCursor(other), limit: 3, inverted: false });
    expect(plan.bounds).toEqual([
      { op: 'lt', idOp: 'lt', ...position },
      { op: 'gt', idOp: 'gt', ...other },
    ]);
  });

  it('follows an ascending id tie-break in both directions', () => {
    expect(planKeyset({ after: encodeCursor(position), limit: 4, inverted: false }, 'asc')).toEqual({
      bounds: [{ op: 'lt', idOp: 'gt', ...position }],
      order: { at: 'desc', id: 'asc' },
      take: 4,
    });
    expect(planKeyset({ before: encodeCursor(position), limit: 4, inverted: true }, 'asc')).toEqual({
      bounds: [{ op: 'gt', idOp: 'lt', ...position }],
      order: { at: 'asc', id: 'desc' },
      take: 4,
    });
  });

  it('names the argument of a bad cursor', () => {
    expect(errorOf(() => planKeyset({ after: 'nope', limit: 1, inverted: false }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorOf(() => planKeyset({ before: 'nope', limit: 1, inverted: true }))).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
  });
});

describe('compare', () => {
  it('builds a Prisma comparison', () => {
    expect(compare('lt', 3)).toEqual({ lt: 3 });
    expect(compare('gt', position.at)).toEqual({ gt: position.at });
  });
});
