import { appendToOutbox } from '@threadly/events';
import { CATALOG_DB_SCHEMA } from '../database.ts';
import { Prisma, type ProductStatus } from '../generated/prisma/client.ts';
import { productStatusChangedEvents, type ProductStatusMove } from '../events/product-events.ts';

const PRODUCT = Prisma.raw(`"${CATALOG_DB_SCHEMA}"."Product"`);

export interface StatusChange {
  /** Which products: by id, by seller, or both. */
  ids?: string[];
  sellerId?: string;
  /** Only products held by one of these orders (`reservedByOrderId`), checked under the lock like the status. */
  heldBy?: string[];
  /** Only products in one of these statuses move. */
  from: ProductStatus[];
  to: ProductStatus;
  /** Other columns set with the status (`publishedAt` on publishing). */
  data?: Prisma.ProductUpdateManyMutationInput;
}

/**
 * Moves the matching products to `change.to` inside `tx` and writes a `product.status_changed` for each to the
 * outbox. The rows are locked first, so a concurrent change (a reservation, another edit) either happened before
 * — and the WHERE, re-checked after the wait, excludes the row — or waits for this one: each event carries the
 * status the product really had.
 */
export async function changeProductStatus(tx: Prisma.TransactionClient, change: StatusChange): Promise<ProductStatusMove[]> {
  const locked = await tx.$queryRaw<Array<Omit<ProductStatusMove, 'to'>>>`
    SELECT id, "sellerId", "categoryId", status AS "from"
    FROM ${PRODUCT}
    WHERE status::text = ANY(${change.from}::text[])
      AND (${change.ids ?? null}::uuid[] IS NULL OR id = ANY(${change.ids ?? null}::uuid[]))
      AND (${change.sellerId ?? null}::uuid IS NULL OR "sellerId" = ${change.sellerId ?? null}::uuid)
      AND (${change.heldBy ?? null}::uuid[] IS NULL OR "reservedByOrderId" = ANY(${change.heldBy ?? null}::uuid[]))
    ORDER BY id
    FOR UPDATE`;
  if (locked.length === 0) return [];
  await tx.product.updateMany({ where: { id: { in: locked.map((product) => product.id) } }, data: { ...change.data, status: change.to } });
  const moved = locked.map((product) => ({ ...product, to: change.to }));
  await appendToOutbox(tx, productStatusChangedEvents(moved));
  return moved;
}
