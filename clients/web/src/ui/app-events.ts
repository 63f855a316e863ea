// Screens tell the header what changed (the cart's contents) without sharing state they do not otherwise need.
const CART_CHANGED = 'threadly:cart-changed';

export const announceCartChanged = () => window.dispatchEvent(new Event(CART_CHANGED));

export function onCartChanged(listener: () => void): () => void {
  window.addEventListener(CART_CHANGED, listener);
  return () => window.removeEventListener(CART_CHANGED, listener);
}
