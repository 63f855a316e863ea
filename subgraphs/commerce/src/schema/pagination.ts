import { resolveCursorConnection, type DefaultConnectionArguments } from '@pothos/plugin-relay';
import { badUserInput } from '@threadly/errors';
import type { Order } from '../generated/prisma/client.ts';
import { encodeOrderCursor, type KeysetPage } from '../services/keyset.ts';

const MAX_PAGE_SIZE = 100;

/**
 * A connection of orders, newest first, keyset-paginated on (createdAt, id). Page sizes outside 0..100 are
 * BAD_USER_INPUT on the argument rather than silently clamped, so a client never mistakes a short page for the end.
 */
export function orderConnection(args: DefaultConnectionArguments, load: (page: KeysetPage) => Promise<Order[]>) {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw badUserInput(`${name}: must be between 0 and ${MAX_PAGE_SIZE}`, name);
    }
  }
  return resolveCursorConnection({ args, toCursor: encodeOrderCursor, defaultSize: 20, maxSize: MAX_PAGE_SIZE }, load);
}
