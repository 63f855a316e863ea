import { badUserInput } from '@threadly/errors';
import { isUuid } from '@threadly/database';
import type { ResolveCursorConnectionArgs } from '@pothos/plugin-relay';

/** Largest page a client may ask for; a bigger `first`/`last` is refused rather than silently cut. */
export const MAX_PAGE_SIZE = 100;

/** A position in a list ordered by (time desc, id desc): the row's time and id. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

/** Opaque to clients; base64url so it survives URLs. */
export const encodeCursor = ({ at, id }: KeysetPosition): string =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** The position a cursor stands for, or BAD_USER_INPUT naming the argument that carried it. */
export function decodeCursor(cursor: string, argument: 'after' | 'before'): KeysetPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && isUuid(parsed[1])) {
      const at = new Date(parsed[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: parsed[1] };
    }
  } catch {
    // Falls through to the error below: garbage and tampered cursors look alike to the client.
  }
  throw badUserInput(`${argument}: not a cursor this list produced`, argument);
}

/** Checks the page size the relay arguments ask for (Pothos would cap it silently or fail untyped). */
export function assertPageSize(args: { first?: number | null; last?: number | null }) {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`${name}: must be between 0 and ${MAX_PAGE_SIZE}`, name);
    }
  }
}

/** One side of a keyset bound: rows strictly after (`lt`, newer-first lists) or before (`gt`) a position. */
export interface KeysetBound {
  op: 'lt' | 'gt';
  at: Date;
  id: string;
}

export interface KeysetPlan {
  bounds: KeysetBound[];
  direction: 'asc' | 'desc';
  take: number;
}

/**
 * Turns a relay page into keyset bounds for a newest-first list. Walking backwards (`last`/`before`) reads the
 * list in ascending order; `resolveCursorConnection` reverses the rows again.
 */
export function planKeyset(page: ResolveCursorConnectionArgs): KeysetPlan {
  const bounds: KeysetBound[] = [];
  if (page.after) bounds.push({ op: 'lt', ...decodeCursor(page.after, 'after') });
  if (page.before) bounds.push({ op: 'gt', ...decodeCursor(page.before, 'before') });
  return { bounds, direction: page.inverted ? 'asc' : 'desc', take: page.limit };
}

/** `{ lt: value }` or `{ gt: value }`, typed for Prisma filters. */
export const compare = <Value>(op: KeysetBound['op'], value: Value) => (op === 'lt' ? { lt: value } : { gt: value });
