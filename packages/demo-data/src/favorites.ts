import { listingWindow } from './products.ts';
import type { Random } from './random.ts';
import { latest } from './time.ts';
import type { DemoFavorite, DemoProduct, DemoUser } from './types.ts';
import { DEMO_ACCOUNTS } from './users.ts';

/** Enough for the demo buyer's favourites page to need scrolling. */
const DEMO_BUYER_FAVORITES = 18;

/**
 * About `count` favourites of published listings, never of one's own. Some users favourite far more than others and
 * some listings are far more popular, which makes "most favourited" sorting worth showing.
 */
export function generateFavorites(
  random: Random,
  { count, users, products }: { count: number; users: readonly DemoUser[]; products: readonly DemoProduct[] },
): DemoFavorite[] {
  const demoBuyer = users.find((user) => user.id === DEMO_ACCOUNTS.buyer.id);
  const fans = users.filter((user) => user.role !== 'ADMIN').map((user) => [user, 0.2 + 2 * random.next()] as const);
  // Picking from the front of a shuffled list with a squared index makes the first listings the popular ones.
  const byPopularity = random.shuffle(products.filter((product) => product.publishedAt !== null));
  const pickListing = () => byPopularity[Math.floor(byPopularity.length * random.next() ** 2)];

  const favorites: DemoFavorite[] = [];
  const taken = new Set<string>();
  const addFavorite = (user: DemoUser, product: DemoProduct | undefined) => {
    const key = `${user.id}:${product?.id}`;
    const window = product && listingWindow(product);
    if (!product || !window || product.sellerId === user.id || taken.has(key)) return;
    const from = latest(window.from, user.createdAt);
    if (from.getTime() > window.to.getTime()) return;
    taken.add(key);
    favorites.push({ userId: user.id, productId: product.id, createdAt: random.dateBetween(from, window.to) });
  };

  if (byPopularity.length === 0 || fans.length === 0) return favorites;
  if (demoBuyer) {
    // Uniformly, not by popularity: the demo buyer's list should show a varied mix.
    for (let attempt = 0; favorites.length < DEMO_BUYER_FAVORITES && attempt < 50 * DEMO_BUYER_FAVORITES; attempt += 1) {
      addFavorite(demoBuyer, random.pick(byPopularity));
    }
  }
  // Bounded, because small data sets may not have `count` possible pairs.
  for (let attempt = 0; favorites.length < count && attempt < 20 * count; attempt += 1) {
    addFavorite(random.weighted(fans), pickListing());
  }
  return favorites;
}
