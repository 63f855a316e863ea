import { generateCarts } from './carts.ts';
import { generateCategories } from './categories.ts';
import { generateConversations } from './conversations.ts';
import { generateFavorites } from './favorites.ts';
import { generateOrders } from './orders.ts';
import { generateProducts } from './products.ts';
import { createRandom } from './random.ts';
import type { DemoData, DemoDataOptions } from './types.ts';
import { generateUsers } from './users.ts';

export const DEFAULT_DEMO_SEED = 20_261_101;

const DEFAULT_USERS = 30;
const DEFAULT_PRODUCTS = 500;

function checkCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`generateDemoData: ${name} must be an integer of at least ${minimum}, got ${value}`);
  }
}

/**
 * The whole demo marketplace: users, catalog, orders, carts and chats, consistent across the four subgraphs'
 * databases. Pure and deterministic: the same options give deep-equal data on every call, on every machine.
 *
 * Activity scales with the catalog: per 500 listings about 1,500 favourites, 60 orders and 60 conversations.
 */
export function generateDemoData(options: DemoDataOptions = {}): DemoData {
  const { users: userCount = DEFAULT_USERS, products: productCount = DEFAULT_PRODUCTS, seed = DEFAULT_DEMO_SEED } = options;
  // Three users are the demo admin, seller and buyer accounts.
  checkCount('users', userCount, 3);
  checkCount('products', productCount, 0);
  if (!Number.isInteger(seed)) throw new RangeError(`generateDemoData: seed must be an integer, got ${seed}`);

  const random = createRandom(seed);
  const users = generateUsers(random.fork('users'), userCount);
  const { categories, leaves } = generateCategories();
  const listings = generateProducts(random.fork('products'), { count: productCount, users, leaves });
  const sales = generateOrders(random.fork('orders'), {
    count: Math.round(productCount * 0.12),
    users,
    products: listings.products,
  });
  // Orders reserve and sell listings; everything after this sees the listings as they are now.
  const products = listings.products.map((product) => {
    const update = sales.productUpdates.get(product.id);
    return update ? { ...product, ...update } : product;
  });

  const { carts, cartItems } = generateCarts(random.fork('carts'), { count: Math.round(userCount / 3), users, products });
  const messaging = generateConversations(random.fork('conversations'), {
    count: Math.round(productCount * 0.12),
    users,
    products,
    leaves,
  });

  return {
    users,
    categories,
    products,
    productImages: listings.productImages,
    favorites: generateFavorites(random.fork('favorites'), { count: productCount * 3, users, products }),
    carts,
    cartItems,
    orders: sales.orders,
    orderItems: sales.orderItems,
    orderStatusChanges: sales.orderStatusChanges,
    ...messaging,
  };
}
