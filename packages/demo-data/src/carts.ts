import { demoId } from './demo-id.ts';
import type { Random } from './random.ts';
import { DEMO_NOW, MINUTE, addTime, daysBeforeNow, earliest, latest } from './time.ts';
import type { DemoCart, DemoCartItem, DemoProduct, DemoUser } from './types.ts';
import { DEMO_ACCOUNTS } from './users.ts';

const DEMO_BUYER_CART_ITEMS = 3;

export interface GeneratedCarts {
  carts: DemoCart[];
  cartItems: DemoCartItem[];
}

/**
 * Up to `count` carts (one per buyer, as the schema allows) holding 1–4 listings still for sale, none the buyer's
 * own. The demo buyer always has one, so checkout can be tried right after logging in.
 */
export function generateCarts(
  random: Random,
  { count, users, products }: { count: number; users: readonly DemoUser[]; products: readonly DemoProduct[] },
): GeneratedCarts {
  const forSale = products.filter((product) => product.status === 'ACTIVE' && product.publishedAt !== null);
  const demoBuyer = users.find((user) => user.id === DEMO_ACCOUNTS.buyer.id);
  const others = users.filter((user) => user.role !== 'ADMIN' && user !== demoBuyer);
  // Mostly people who only buy, then sellers who shop as well.
  const byLikelihood = [
    ...random.shuffle(others.filter((user) => user.role === 'BUYER')),
    ...random.shuffle(others.filter((user) => user.role === 'SELLER')),
  ];
  const owners = [...(demoBuyer ? [demoBuyer] : []), ...byLikelihood].slice(0, count);

  const result: GeneratedCarts = { carts: [], cartItems: [] };
  for (const owner of owners) {
    const itemCount = owner === demoBuyer ? DEMO_BUYER_CART_ITEMS : random.int(1, 4);
    const picked = random.sample(forSale.filter((product) => product.sellerId !== owner.id), itemCount);
    if (picked.length === 0) continue;
    const cartId = demoId('cart', result.carts.length);
    // Carts are recent: abandoned ones get cleaned up after a month.
    const items = picked
      .map((product) => ({
        product,
        addedAt: random.dateBetween(
          latest(daysBeforeNow(30), owner.createdAt, product.publishedAt ?? owner.createdAt),
          addTime(DEMO_NOW, -10 * MINUTE),
        ),
      }))
      .sort((left, right) => left.addedAt.getTime() - right.addedAt.getTime());
    items.forEach(({ product, addedAt }, position) => {
      const id = demoId('cart-item', `${result.carts.length}:${position}`);
      result.cartItems.push({ id, cartId, productId: product.id, addedAt });
    });
    const addedAts = items.map((item) => item.addedAt);
    // The cart row is created together with its first item and touched by each later one.
    result.carts.push({ id: cartId, buyerId: owner.id, createdAt: earliest(...addedAts), updatedAt: latest(...addedAts) });
  }
  return result;
}
