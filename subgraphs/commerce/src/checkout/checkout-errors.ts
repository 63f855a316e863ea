import { domainError } from '@threadly/errors';
import type { UnavailableProduct } from '../payments/catalog-reservations.ts';

const describe = (product: UnavailableProduct) => {
  const name = product.title ? `"${product.title}"` : `product ${product.id}`;
  return product.reason === 'OWN_LISTING' ? `${name} (your own listing)` : name;
};

/**
 * PRODUCT_UNAVAILABLE naming every product that stopped the checkout, in the message and as
 * `extensions.products` ({ id, title, reason }), so a client can mark them in the cart. Nothing was reserved.
 */
export const productsUnavailable = (products: UnavailableProduct[]) =>
  domainError(
    'PRODUCT_UNAVAILABLE',
    `${products.length === 1 ? 'This item is' : 'These items are'} no longer available: ${products.map(describe).join(', ')}. Remove ${products.length === 1 ? 'it' : 'them'} from your cart to check out.`,
    { productIds: products.map((product) => product.id), products },
  );

/** Catalog could not be asked; whatever it might have reserved has been released again. */
export const catalogUnavailable = () =>
  domainError('SUBGRAPH_UNAVAILABLE', 'The catalog could not reserve your items right now; nothing was ordered. Try again shortly.', { service: 'catalog' });

/** Stripe failed; the orders were cancelled and the items released, nothing was charged. */
export const paymentsUnavailable = () =>
  domainError('SUBGRAPH_UNAVAILABLE', 'Payments are unavailable right now; nothing was ordered or charged. Try again shortly.', { service: 'payments' });
