import { appendToOutbox, type OutboxSignal } from '@threadly/events';
import type { CatalogPrisma } from '../database.ts';
import { productStatusChangedEvents, type ProductStatusMove } from '../events/product-events.ts';
import type { Prisma, ProductStatus } from '../generated/prisma/client.ts';
import { changeProductStatus } from './product-status.ts';

/** A catalog transaction, as event handlers and the reservation routes write in one. */
export type CatalogTx = Prisma.TransactionClient;

/** What checkout asks for: every product, for one buyer, until a moment. */
export interface ReservationRequest {
  buyerId: string;
  productIds: string[];
  /**
   * Ids of the orders commerce will create, one per seller: the products of the k-th seller (sellers in order of
   * first appearance in `productIds`) are held for `orderIds[k]`. Commerce allocates one per product, so there
   * are always enough; it cannot know the sellers before this answer.
   */
  orderIds: string[];
  reservedUntil: Date;
}

/** A reserved product as it was at that moment: the price the buyer pays, whatever the listing says later. */
export interface ReservedProduct {
  id: string;
  orderId: string;
  sellerId: string;
  title: string;
  priceAmount: number;
  currency: string;
}

export interface UnavailableProduct {
  id: string;
  /** Null for ids that name no listing the buyer may know of. */
  title: string | null;
  reason: 'NOT_FOR_SALE' | 'OWN_LISTING';
}

export type ReservationResult = { reserved: true; products: ReservedProduct[] } | { reserved: false; unavailable: UnavailableProduct[] };

interface CandidateRow {
  id: string;
  sellerId: string;
  categoryId: string;
  title: string;
  priceAmount: number;
  currency: string;
}

/**
 * Holding one-of-a-kind products for the order that buys them. Checkout reserves synchronously (the buyer must
 * learn at once whether they got the item); what follows — paid, shipped, cancelled, refunded — arrives as
 * commerce's events. A product is only ever moved by the order that holds it (`reservedByOrderId`), so a late or
 * repeated event about another order cannot touch it. Every status change writes `product.status_changed` to the
 * outbox in the same transaction.
 */
export class ReservationService {
  constructor(
    private readonly prisma: CatalogPrisma,
    /** Rung after a commit that wrote status events, so the relay publishes them now rather than at its next poll. */
    private readonly outbox?: OutboxSignal,
  ) {}

  /**
   * All or nothing: every product ACTIVE and not the buyer's own becomes RESERVED, or nothing changes and the
   * answer names the ones that are not available. The rows are locked in id order, so two checkouts sharing
   * several products queue instead of deadlocking, and a waiting checkout re-reads the status after the first
   * commits (READ COMMITTED re-checks the WHERE): of 100 concurrent buyers of one product exactly one gets it.
   */
  async reserve(request: ReservationRequest): Promise<ReservationResult> {
    const productIds = [...new Set(request.productIds)];
    const result = await this.prisma.$transaction(async (tx): Promise<ReservationResult> => {
      const rows = await tx.$queryRaw<CandidateRow[]>`
        SELECT id, "sellerId", "categoryId", title, "priceAmount", currency
        FROM "catalog"."Product"
        WHERE id = ANY(${productIds}::uuid[]) AND status = 'ACTIVE' AND "sellerId" <> ${request.buyerId}::uuid
        ORDER BY id
        FOR UPDATE`;
      if (rows.length < productIds.length) {
        const found = new Set(rows.map((row) => row.id));
        return { reserved: false, unavailable: await describeUnavailable(tx, productIds.filter((id) => !found.has(id)), request.buyerId) };
      }
      const orderIdBySeller = assignOrders(productIds, rows, request.orderIds);
      for (const [sellerId, orderId] of orderIdBySeller) {
        await tx.product.updateMany({
          where: { id: { in: rows.filter((row) => row.sellerId === sellerId).map((row) => row.id) } },
          data: { status: 'RESERVED', reservedByOrderId: orderId, reservedUntil: request.reservedUntil },
        });
      }
      await appendToOutbox(tx, productStatusChangedEvents(rows.map((row) => ({ ...row, from: 'ACTIVE', to: 'RESERVED' }))));
      const byId = new Map(rows.map((row) => [row.id, row]));
      const products = productIds.map((id) => {
        const row = byId.get(id)!;
        const { sellerId, title, priceAmount, currency } = row;
        return { id, orderId: orderIdBySeller.get(sellerId)!, sellerId, title, priceAmount, currency };
      });
      return { reserved: true, products };
    });
    if (result.reserved) this.outbox?.poke();
    return result;
  }

  /** Checkout's compensation: RESERVED products held by these orders go back on sale. Idempotent. */
  async release(orderIds: string[]): Promise<{ released: string[] }> {
    const moved = await this.prisma.$transaction((tx) => moveHeldProducts(tx, { orderIds, from: ['RESERVED'], to: 'ACTIVE', hold: 'clear' }));
    if (moved.length > 0) this.outbox?.poke();
    return { released: moved.map((product) => product.id) };
  }
}

/** The seller → order assignment described on {@link ReservationRequest.orderIds}. */
function assignOrders(productIds: string[], rows: CandidateRow[], orderIds: string[]): Map<string, string> {
  const sellerOf = new Map(rows.map((row) => [row.id, row.sellerId]));
  const orderIdBySeller = new Map<string, string>();
  for (const id of productIds) {
    const sellerId = sellerOf.get(id)!;
    if (orderIdBySeller.has(sellerId)) continue;
    const orderId = orderIds[orderIdBySeller.size];
    if (!orderId) throw new Error('reserve: fewer order ids than sellers');
    orderIdBySeller.set(sellerId, orderId);
  }
  return orderIdBySeller;
}

/** Why each missing product cannot be reserved. A draft's title stays private: the buyer never saw it listed. */
async function describeUnavailable(tx: CatalogTx, ids: string[], buyerId: string): Promise<UnavailableProduct[]> {
  const known = await tx.product.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, status: true, sellerId: true } });
  const byId = new Map(known.map((product) => [product.id, product]));
  return ids.map((id) => {
    const product = byId.get(id);
    if (!product) return { id, title: null, reason: 'NOT_FOR_SALE' };
    const title = product.status === 'DRAFT' ? null : product.title;
    return { id, title, reason: product.sellerId === buyerId && product.status === 'ACTIVE' ? 'OWN_LISTING' : 'NOT_FOR_SALE' };
  });
}

/**
 * Moves the products held by `orderIds` (optionally only `productIds`) that are in one of the `from` statuses to
 * `to`, with their `product.status_changed` events (see `changeProductStatus`: locked first, the hold re-checked
 * under the lock). `hold: 'clear'` ends the order's hold (released, or shipped and gone), `'keep'` keeps it (sold
 * to that order). Returns what changed.
 */
export const moveHeldProducts = (
  tx: CatalogTx,
  move: { orderIds: string[]; productIds?: string[]; from: ProductStatus[]; to: ProductStatus; hold: 'keep' | 'clear' },
): Promise<ProductStatusMove[]> =>
  changeProductStatus(tx, {
    ids: move.productIds,
    heldBy: move.orderIds,
    from: move.from,
    to: move.to,
    data: { reservedUntil: null, ...(move.hold === 'clear' ? { reservedByOrderId: null } : {}) },
  });
