import type { ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { isUuid } from '@threadly/database';
import { badUserInput } from '@threadly/errors';

/** A position in a newest-first list: the row's timestamp, then its id to break ties. */
export interface Keyset {
  at: Date;
  id: string;
}

/** What a list query needs: bounds from the cursors, the direction to read in, and how many rows. */
export interface KeysetPage {
  /** Rows strictly after this position (older, or same time with a greater id). */
  after?: Keyset;
  /** Rows strictly before this position (newer, or same time with a smaller id). */
  before?: Keyset;
  /** False when paging backwards (`last`/`before`): read oldest-first, the connection reverses the slice. */
  newestFirst: boolean;
  take: number;
}

/** Opaque to clients; base64url JSON of `[timestamp, id]`. */
export const encodeCursor = ({ at, id }: Keyset) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** The cursor's position, or BAD_USER_INPUT naming the argument when it was not made by `encodeCursor`. */
export function decodeCursor(cursor: string, argument: 'after' | 'before'): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' && isUuid(value[1])) {
      const at = new Date(value[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: value[1] };
    }
  } catch {
    // fall through to the same error as a well-formed but foreign cursor
  }
  throw badUserInput(`${argument}: not a cursor from this list`, argument);
}

export function keysetPage(args: ResolveCursorConnectionArgs): KeysetPage {
  return {
    after: args.after ? decodeCursor(args.after, 'after') : undefined,
    before: args.before ? decodeCursor(args.before, 'before') : undefined,
    newestFirst: !args.inverted,
    take: args.limit,
  };
}

/**
 * Prisma `where` conditions for the page's bounds over a (timestamp desc, id asc) order — the order of the
 * (…, timestamp DESC, id) indexes, so every page is one index range scan.
 */
export function keysetConditions<Where>(page: KeysetPage, older: (k: Keyset) => Where, newer: (k: Keyset) => Where): Where[] {
  return [...(page.after ? [older(page.after)] : []), ...(page.before ? [newer(page.before)] : [])];
}

/** Sort directions for (timestamp, id): newest-first, or reversed when paging backwards. */
export const keysetDirections = (page: KeysetPage) =>
  page.newestFirst ? ({ at: 'desc', id: 'asc' } as const) : ({ at: 'asc', id: 'desc' } as const);
