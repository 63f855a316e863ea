import type { OutboxSignal } from '@threadly/events';
import { createInternalRoute } from '@threadly/subgraph-runtime';
import { z } from 'zod';
import type { CatalogPrisma } from '../database.ts';
import { ReservationService } from '../services/reservation.service.ts';

export const RESERVE_PRODUCTS_PATH = '/internal/products/reserve';
export const RELEASE_PRODUCTS_PATH = '/internal/products/release';

// A cart holds at most 50 products (commerce's limit); a little room so the limit stays commerce's to change.
const MAX_PRODUCTS = 100;
const ids = (what: string) => z.array(z.guid(`expected ${what} ids`)).min(1).max(MAX_PRODUCTS);

const reserveInput = z
  .object({
    buyerId: z.guid('expected a user id'),
    productIds: ids('product'),
    orderIds: ids('order'),
    reservedUntil: z.iso.datetime().transform((value) => new Date(value)),
  })
  .refine((input) => input.orderIds.length >= new Set(input.productIds).size, 'expected at least one order id per product');

/**
 * Commerce's checkout (service-signed, synchronous: the buyer learns at once whether they got the items):
 * `POST /internal/products/reserve` `{ buyerId, productIds, orderIds, reservedUntil }` →
 * `{ reserved: true, products: [{ id, orderId, sellerId, title, priceAmount, currency }] }` or
 * `{ reserved: false, unavailable: [{ id, title, reason }] }` with nothing changed;
 * `POST /internal/products/release` `{ orderIds }` → `{ released }`, its compensation (idempotent).
 */
export function createProductReservationRoutes(prisma: CatalogPrisma, secret: string, outbox?: OutboxSignal): Array<ReturnType<typeof createInternalRoute>> {
  const reservations = new ReservationService(prisma, outbox);
  return [
    createInternalRoute({ path: RESERVE_PRODUCTS_PATH, secret, input: reserveInput, handle: (input) => reservations.reserve(input) }),
    createInternalRoute({
      path: RELEASE_PRODUCTS_PATH,
      secret,
      input: z.object({ orderIds: ids('order') }),
      handle: ({ orderIds }) => reservations.release(orderIds),
    }),
  ];
}
