import { postToService } from '@threadly/identity-headers';

/** Catalog's side of deleting a user: their unsold listings must disappear. */
export interface SellerListings {
  /** Archives the seller's draft and active listings; idempotent. */
  hideListingsOf(sellerId: string): Promise<{ archived: number }>;
}

/** Catalog did not confirm; the webhook answers 503 so Svix delivers it again. */
export class CatalogUnavailableError extends Error {
  override name = 'CatalogUnavailableError';
}

/** Catalog's internal route (a sibling of its `/graphql`), called with a service-signed request. */
const HIDE_LISTINGS_PATH = '/internal/sellers/hide-listings';

/**
 * `catalogUrl` is catalog's GraphQL URL, read at call time: in the all-in-one process identity starts before
 * catalog has a port. Temporary: the commerce issue's event backbone replaces this direct call.
 */
export function createCatalogSellerListings(catalogUrl: () => string, secret: string): SellerListings {
  return {
    async hideListingsOf(sellerId) {
      try {
        const url = new URL(HIDE_LISTINGS_PATH, catalogUrl()).toString();
        return await postToService<{ archived: number }>(url, { sellerId }, secret);
      } catch (error) {
        throw new CatalogUnavailableError(`Catalog did not hide the listings of ${sellerId}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
