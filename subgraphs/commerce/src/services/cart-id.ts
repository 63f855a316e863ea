import { nameBasedUuid } from './name-based-uuid.ts';

// Fixed forever: changing it would change the id of every cart that has not been written yet.
const CART_NAMESPACE = Buffer.from('3b0c6a52d1e84f6f8a4b9e27c5d10f83', 'hex');
// Fixed forever too: a checkout attempt's id is its Stripe idempotency key.
const CHECKOUT_NAMESPACE = Buffer.from('9d41f0c2b7a54e0e8c3d6a1f2e5b7c90', 'hex');

/**
 * The id a buyer's cart has before and after its row exists: a name-based UUID (v5) of the buyer id. `myCart`
 * returns it for the empty cart it does not store, and the first `addToCart` creates the row with it, so a client
 * cache keyed by id sees one cart throughout. (Seeded carts keep their own ids; they already exist.)
 */
export const cartIdFor = (buyerId: string): string => nameBasedUuid(CART_NAMESPACE, buyerId);

/**
 * The id of a checkout attempt: derived from the cart and the version the attempt claimed, so the attempt has one
 * id however often its requests are retried, and the next attempt (a new version) another.
 */
export const checkoutIdFor = (cartId: string, checkoutVersion: number): string => nameBasedUuid(CHECKOUT_NAMESPACE, `${cartId}:${checkoutVersion}`);
