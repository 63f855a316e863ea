import { badUserInput } from '@threadly/errors';
import { isUuid } from './by-id-loader.ts';

/**
 * Keyset (cursor) pagination over lists sorted newest first by a timestamp, ties broken by id: the cursor
 * format, the page-size check and the bounds/order/take of one page. Each service still writes its own
 * Prisma `where`/`orderBy` from the plan, since the columns (and the index they must match) are its own.
 */

/** Largest page a client may ask for; a bigger `first`/`last` is refused rather than silently cut. */
export const MAX_PAGE_SIZE = 100;

/** A position in a list: the row's timestamp, then its id to break ties. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

/**
 * What `resolveCursorConnection` (Pothos relay) hands over for one page, possibly walking backwards
 * (`last`/`before`, `inverted`). Structural, so this package needs no Pothos dependency.
 */
export interface KeysetPage {
  after?: string;
  before?: string;
  limit: number;
  inverted: boolean;
}

/** Opaque to clients; base64url JSON of `[timestamp, id]`, so it survives URLs. */
export const encodeCursor = ({ at, id }: KeysetPosition): string =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** `toISOString()` of a date in years 0001–9999, the only timestamps encodeCursor produces for real rows. */
const CURSOR_TIMESTAMP = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The position a cursor stands for, or BAD_USER_INPUT naming the argument that carried it. */
export function decodeCursor(cursor: string, argument: 'after' | 'before'): KeysetPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && isUuid(parsed[1])) {
      const at = new Date(parsed[0]);
      // Only what encodeCursor writes: JavaScript accepts dates (year 0, ±275760) that PostgreSQL's timestamp
      // cannot hold, and a query with one fails in the database instead of here.
      if (CURSOR_TIMESTAMP.test(parsed[0]) && !Number.isNaN(at.getTime()) && at.toISOString() === parsed[0]) return { at, id: parsed[1] };
    }
  } catch {
    // Falls through to the error below: garbage and tampered cursors look alike to the client.
  }
  throw badUserInput(`${argument}: not a cursor this list produced`, argument);
}

/**
 * Checks the page size the relay arguments ask for, before `resolveCursorConnection` sees them (Pothos would
 * cap it silently or fail untyped).
 */
export function assertPageSize(args: { first?: number | null; last?: number | null }): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`${name}: must be between 0 and ${MAX_PAGE_SIZE}`, name);
    }
  }
}

export type Comparison = 'lt' | 'gt';
export type SortOrder = 'asc' | 'desc';

/**
 * One cursor's bound: rows whose timestamp compares `op` to `at`, or whose timestamp equals `at` and whose id
 * compares `idOp` to `id`.
 */
export interface KeysetBound extends KeysetPosition {
  op: Comparison;
  idOp: Comparison;
}

export interface KeysetPlan {
  /** Zero, one or two bounds (from `after` and `before`); all must hold. */
  bounds: KeysetBound[];
  /** The order to read rows in: the list's own, or its reverse for a backwards page. */
  order: { at: SortOrder; id: SortOrder };
  take: number;
}

const flip = { asc: 'desc', desc: 'asc' } as const;
const strictly = { asc: 'gt', desc: 'lt' } as const;

/**
 * Turns a relay page into keyset bounds for a list ordered by (timestamp desc, id `idOrder`) — `idOrder` is the
 * list's tie-break, which must match the index serving it. Walking backwards (`last`/`before`) reads the list
 * in reverse; `resolveCursorConnection` reverses the rows again.
 */
export function planKeyset(page: KeysetPage, idOrder: SortOrder = 'desc'): KeysetPlan {
  const bounds: KeysetBound[] = [];
  if (page.after) bounds.push({ op: 'lt', idOp: strictly[idOrder], ...decodeCursor(page.after, 'after') });
  if (page.before) bounds.push({ op: 'gt', idOp: strictly[flip[idOrder]], ...decodeCursor(page.before, 'before') });
  const order = page.inverted ? { at: 'asc' as const, id: flip[idOrder] } : { at: 'desc' as const, id: idOrder };
  return { bounds, order, take: page.limit };
}

/** `{ lt: value }` or `{ gt: value }`, typed for Prisma filters. */
export const compare = <Value>(op: Comparison, value: Value) => (op === 'lt' ? { lt: value } : { gt: value });
