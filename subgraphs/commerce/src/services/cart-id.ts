import { createHash } from 'node:crypto';

// Fixed forever: changing it would change the id of every cart that has not been written yet.
const CART_NAMESPACE = Buffer.from('3b0c6a52d1e84f6f8a4b9e27c5d10f83', 'hex');

/**
 * The id a buyer's cart has before and after its row exists: a name-based UUID (v5) of the buyer id. `myCart`
 * returns it for the empty cart it does not store, and the first `addToCart` creates the row with it, so a client
 * cache keyed by id sees one cart throughout. (Seeded carts keep their own ids; they already exist.)
 */
export function cartIdFor(buyerId: string): string {
  const bytes = createHash('sha1').update(CART_NAMESPACE).update(buyerId, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
