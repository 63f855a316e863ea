import { resolveCursorConnection, type DefaultConnectionArguments } from '@pothos/plugin-relay';
import { assertPageSize, encodeCursor, type KeysetPage } from '@threadly/database';
import type { Order } from '../generated/prisma/client.ts';

/** Opaque to clients; carries both sort keys so a page boundary between equal timestamps is still exact. */
const orderCursor = (order: Order) => encodeCursor({ at: order.createdAt, id: order.id });

/**
 * A connection of orders, newest first, keyset-paginated on (createdAt, id). Page sizes outside 0..100 are
 * BAD_USER_INPUT on the argument rather than silently clamped, so a client never mistakes a short page for the end.
 */
export function orderConnection(args: DefaultConnectionArguments, load: (page: KeysetPage) => Promise<Order[]>) {
  assertPageSize(args);
  return resolveCursorConnection({ args, toCursor: orderCursor }, load);
}
