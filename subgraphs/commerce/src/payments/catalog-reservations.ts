import { postToService } from '@threadly/identity-headers';

const RESERVE_PATH = '/internal/products/reserve';
const RELEASE_PATH = '/internal/products/release';

export interface ReservedProduct {
  id: string;
  /** The order (one per seller) catalog holds it for: one of the ids commerce proposed. */
  orderId: string;
  sellerId: string;
  title: string;
  priceAmount: number;
  currency: string;
}

export interface UnavailableProduct {
  id: string;
  title: string | null;
  reason: 'NOT_FOR_SALE' | 'OWN_LISTING';
}

export type ReservationAnswer = { reserved: true; products: ReservedProduct[] } | { reserved: false; unavailable: UnavailableProduct[] };

/** Catalog's reservation routes, as checkout uses them. Tests may pass another implementation. */
export interface CatalogReservations {
  /** All or nothing; see catalog's `ReservationService.reserve` for how products are split into orders. */
  reserve(request: { buyerId: string; productIds: string[]; orderIds: string[]; reservedUntil: Date }): Promise<ReservationAnswer>;
  /** Puts RESERVED products held by these orders back on sale; idempotent. */
  release(orderIds: string[]): Promise<void>;
}

/**
 * Calls catalog's internal routes, service-signed. Synchronous on purpose: the buyer must learn at once whether the
 * one-of-a-kind item is theirs. `catalogUrl` is catalog's GraphQL URL, read at call time (in the all-in-one process
 * catalog's port is known only once it listens).
 */
export function createCatalogReservations(catalogUrl: () => string, secret: string, timeoutMs = 5_000): CatalogReservations {
  const url = (path: string) => new URL(path, catalogUrl()).toString();
  return {
    reserve: (request) =>
      postToService<ReservationAnswer>(url(RESERVE_PATH), { ...request, reservedUntil: request.reservedUntil.toISOString() }, secret, timeoutMs),
    release: async (orderIds) => {
      await postToService(url(RELEASE_PATH), { orderIds }, secret, timeoutMs);
    },
  };
}
