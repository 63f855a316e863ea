import { domainError } from '@threadly/errors';

/** What messaging needs to know about products it does not own. Tests pass a fake; production asks the catalog. */
export interface ProductDirectory {
  /** The id of the user selling the product, or null when there is no such (published) product. */
  sellerOf(productId: string): Promise<string | null>;
}

const SELLER_QUERY = 'query($r:[_Any!]!){ _entities(representations:$r){ ... on Product { seller { id } status } } }';

interface EntitiesResponse {
  data?: { _entities?: Array<{ seller?: { id?: string } | null; status?: string } | null> } | null;
  errors?: Array<{ message?: string }>;
}

// The URL stays out of the message: it names an internal host.
const catalogUnavailable = (reason: string) =>
  domainError('SUBGRAPH_UNAVAILABLE', `The catalog could not be asked about the product (${reason}); try again shortly.`);

/**
 * Asks the catalog subgraph directly with a federation entity query, the same request the gateway would make,
 * so messaging never reads catalog's tables. A draft is treated as absent: nobody but its seller can see it.
 */
export function createCatalogProductDirectory(catalogUrl: string, timeoutMs = 2_000): ProductDirectory {
  return {
    async sellerOf(productId) {
      let response: Response;
      try {
        response = await fetch(catalogUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
          body: JSON.stringify({ query: SELLER_QUERY, variables: { r: [{ __typename: 'Product', id: productId }] } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw catalogUnavailable(timedOut ? `no answer within ${timeoutMs} ms` : 'it is unreachable');
      }
      let payload: EntitiesResponse;
      try {
        payload = (await response.json()) as EntitiesResponse;
      } catch {
        throw catalogUnavailable(`HTTP ${response.status} without a JSON body`);
      }
      if (payload.errors?.length || !payload.data?._entities) {
        throw catalogUnavailable(`HTTP ${response.status}: ${payload.errors?.[0]?.message ?? 'no _entities in the answer'}`);
      }
      const product = payload.data._entities[0];
      if (!product || product.status === 'DRAFT') return null;
      return product.seller?.id ?? null;
    },
  };
}
