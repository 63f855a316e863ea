import { isUuid } from '@threadly/database';
import { badUserInput } from '@threadly/errors';
import type { Prisma } from '../generated/prisma/client.ts';

/** What `resolveCursorConnection` asks for: one page, possibly walking backwards (`last`/`before`). */
export interface KeysetPage {
  after?: string;
  before?: string;
  limit: number;
  inverted: boolean;
}

interface Position {
  createdAt: Date;
  id: string;
}

/** Opaque to clients; carries both sort keys so a page boundary between equal timestamps is still exact. */
export const encodeOrderCursor = (order: Position) =>
  Buffer.from(`${order.createdAt.toISOString()}|${order.id}`, 'utf8').toString('base64url');

function decodeOrderCursor(cursor: string, argument: string): Position {
  const [iso = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso);
  if (!isUuid(id) || Number.isNaN(createdAt.getTime())) throw badUserInput(`${argument}: is not a valid cursor`, argument);
  return { createdAt, id };
}

/**
 * The `where`/`orderBy`/`take` of one page of orders sorted newest first by (createdAt desc, id desc), which the
 * (buyerId|sellerId, createdAt desc, id) indexes serve. Backwards pages are read ascending and reversed by the caller.
 */
export function orderKeyset(page: KeysetPage) {
  const bounds: Prisma.OrderWhereInput[] = [];
  if (page.after) {
    const { createdAt, id } = decodeOrderCursor(page.after, 'after');
    bounds.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
  }
  if (page.before) {
    const { createdAt, id } = decodeOrderCursor(page.before, 'before');
    bounds.push({ OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] });
  }
  const direction = page.inverted ? 'asc' : 'desc';
  const orderBy: Prisma.OrderOrderByWithRelationInput[] = [{ createdAt: direction }, { id: direction }];
  return { bounds, orderBy, take: page.limit };
}
