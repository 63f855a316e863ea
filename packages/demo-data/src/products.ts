import type { Audience, CategoryLeaf } from './categories.ts';
import { demoId } from './demo-id.ts';
import { CLOSING_LINES, CONDITION_LINES, IMAGE_VIEWS, KIND_LINES } from './phrases.ts';
import type { Random } from './random.ts';
import { DAY, DEMO_NOW, HOUR, MINUTE, addTime, daysBeforeNow, earliest, latest } from './time.ts';
import type { DemoProduct, DemoProductImage, DemoUser, ProductCondition, ProductStatus } from './types.ts';
import { BRANDS, COLORS, type Brand, DENIM_COLORS, GENERIC_ITEMS, PRICE_RANGES, type GarmentKind } from './vocabulary.ts';
import { DEMO_ACCOUNTS } from './users.ts';

const CONDITION_WEIGHTS: readonly (readonly [ProductCondition, number])[] = [
  ['NEW_WITH_TAGS', 10], ['NEW_WITHOUT_TAGS', 12], ['VERY_GOOD', 40], ['GOOD', 30], ['FAIR', 8],
];

/** Unworn pieces fetch more than worn ones. */
const CONDITION_PRICE_FACTORS: Record<ProductCondition, number> = {
  NEW_WITH_TAGS: 1.25, NEW_WITHOUT_TAGS: 1.1, VERY_GOOD: 1, GOOD: 0.8, FAIR: 0.6,
};

/** Before orders: RESERVED and SOLD only appear once orders are placed against ACTIVE listings. */
const STATUS_WEIGHTS: readonly (readonly [ProductStatus, number])[] = [['ACTIVE', 85], ['DRAFT', 7], ['ARCHIVED', 8]];

const MIN_PRICE = 300;
const MAX_PRICE = 25_000;

const LETTER_SIZES: Record<'women' | 'men', readonly (readonly [string, number])[]> = {
  women: [['XS', 1], ['S', 3], ['M', 4], ['L', 2], ['XL', 1]],
  men: [['S', 2], ['M', 4], ['L', 4], ['XL', 2], ['XXL', 1]],
};
const KIDS_SIZES = [
  '92 cm (2 years)', '98 cm (3 years)', '104 cm (4 years)', '110 cm (5 years)', '116 cm (6 years)', '128 cm (8 years)',
  '140 cm (10 years)', '152 cm (12 years)',
];
const BABY_SIZES = [
  '50 cm (newborn)', '56 cm (0–2 months)', '62 cm (2–4 months)', '68 cm (4–6 months)', '74 cm (6–9 months)',
  '80 cm (9–12 months)', '86 cm (12–18 months)',
];

interface Size {
  /** Stored on the product; null when sizes do not apply. */
  size: string | null;
  /** How sellers write it in the title ("W30 L32", "EU 39", "size M"); null to leave it out. */
  inTitle: string | null;
}

function sizeFor(random: Random, kind: GarmentKind, audience: Audience): Size {
  const adult = audience === 'men' ? 'men' : 'women';
  switch (kind) {
    case 'jeans':
    case 'trousers': {
      const waist = adult === 'women' ? random.int(24, 32) : random.int(28, 38);
      const length = random.pick(adult === 'women' ? [30, 32] : [30, 32, 34]);
      return { size: `W${waist} L${length}`, inTitle: `W${waist} L${length}` };
    }
    case 'shoes': {
      const eu = `EU ${adult === 'women' ? random.int(36, 41) : random.int(40, 46)}`;
      return { size: eu, inTitle: eu };
    }
    case 'kids-shoes': {
      const eu = `EU ${random.int(20, 35)}`;
      return { size: eu, inTitle: eu };
    }
    case 'kids-clothing':
    case 'baby': {
      const size = random.pick(kind === 'baby' ? BABY_SIZES : KIDS_SIZES);
      return { size, inTitle: size.split(' (')[0] ?? size };
    }
    case 'bag':
      return { size: null, inTitle: null };
    case 'accessory':
      return { size: 'One size', inTitle: null };
    default: {
      const letter = random.weighted(LETTER_SIZES[adult]);
      return { size: letter, inTitle: `size ${letter}` };
    }
  }
}

/** Second-hand prices end in whole euros, or 50 cents for the cheap stuff. */
function roundPrice(cents: number): number {
  const step = cents < 1000 ? 50 : 100;
  return Math.min(MAX_PRICE, Math.max(MIN_PRICE, Math.round(cents / step) * step));
}

/**
 * Brands making `kind`, weighted: high-street labels are listed more often than designer ones, but not so much more
 * that the demo shows nothing but Zara and H&M.
 */
function brandWeights(kind: GarmentKind): (readonly [Brand, number])[] {
  return BRANDS.filter((brand) => brand.kinds.includes(kind)).map((brand) => [brand, 1 / Math.sqrt(brand.priceFactor)] as const);
}

function imageViewsFor(kind: GarmentKind): readonly string[] {
  if (kind === 'shoes' || kind === 'kids-shoes') return IMAGE_VIEWS.shoes;
  if (kind === 'bag' || kind === 'accessory') return IMAGE_VIEWS.bags;
  return IMAGE_VIEWS.clothing;
}

/** Listing timestamps for a status: drafts were never published, archived ones were taken down after a while. */
function listingTimes(random: Random, seller: DemoUser, status: ProductStatus) {
  const earliestListing = latest(addTime(seller.createdAt, DAY), daysBeforeNow(420));
  const createdAt = random.dateBetween(earliestListing, addTime(DEMO_NOW, -3 * HOUR));
  if (status === 'DRAFT') {
    const updatedAt = random.dateBetween(createdAt, earliest(addTime(createdAt, 3 * DAY), DEMO_NOW));
    return { createdAt, publishedAt: null, updatedAt };
  }
  const lastEdit = addTime(DEMO_NOW, -HOUR);
  const publishedAt = random.dateBetween(addTime(createdAt, 2 * MINUTE), earliest(addTime(createdAt, 2 * DAY), lastEdit));
  if (status === 'ARCHIVED') {
    return { createdAt, publishedAt, updatedAt: random.dateBetween(earliest(addTime(publishedAt, DAY), lastEdit), lastEdit) };
  }
  // A third of live listings were edited after publishing, typically a price drop.
  return { createdAt, publishedAt, updatedAt: random.chance(0.3) ? random.dateBetween(publishedAt, lastEdit) : publishedAt };
}

export interface GeneratedProducts {
  products: DemoProduct[];
  productImages: DemoProductImage[];
}

/**
 * `count` listings in leaf categories by the SELLER users. The demo seller gets a generous share so their shop
 * looks busy; among the others a few power sellers list much more than the rest, as on any marketplace.
 */
export function generateProducts(
  random: Random,
  { count, users, leaves }: { count: number; users: readonly DemoUser[]; leaves: readonly CategoryLeaf[] },
): GeneratedProducts {
  const sellers = users.filter((user) => user.role === 'SELLER');
  const demoSeller = sellers.find((user) => user.id === DEMO_ACCOUNTS.seller.id);
  if (!demoSeller) throw new Error('The demo seller account is missing');
  const otherSellers = sellers
    .filter((user) => user !== demoSeller)
    .map((user) => [user, 0.3 + 2 * random.next() ** 2] as const);
  const demoSellerShare = otherSellers.length === 0 ? count : Math.min(count, Math.max(24, Math.round(count * 0.08)));
  const demoSellerIndexes = new Set(random.sample([...Array(count).keys()], demoSellerShare));
  const leafWeights = leaves.map((leaf) => [leaf, leaf.weight] as const);

  const products: DemoProduct[] = [];
  const productImages: DemoProductImage[] = [];
  for (let index = 0; index < count; index += 1) {
    const seller = demoSellerIndexes.has(index) ? demoSeller : random.weighted(otherSellers);
    const leaf = random.weighted(leafWeights);
    const brand = random.weighted(brandWeights(leaf.kind));
    const signatures = brand.signatures?.[leaf.kind];
    const useSignature = signatures && (brand.onlySignatures || random.chance(0.65));
    const item = random.pick(useSignature ? signatures : GENERIC_ITEMS[leaf.kind]);
    const isDenim = item.includes('jeans') || item.includes('denim');
    const color = random.pick(isDenim ? DENIM_COLORS : COLORS);
    const { size, inTitle } = sizeFor(random, leaf.kind, leaf.audience);
    const condition = random.weighted(CONDITION_WEIGHTS);
    const [minPrice, maxPrice] = PRICE_RANGES[leaf.kind];
    const basePrice = random.int(minPrice, maxPrice) * brand.priceFactor * CONDITION_PRICE_FACTORS[condition];
    const status = random.weighted(STATUS_WEIGHTS);
    const sentences = [random.pick(CONDITION_LINES[condition]), random.pick(KIND_LINES[leaf.kind])];
    if (random.chance(0.6)) sentences.push(random.pick(CLOSING_LINES));

    const id = demoId('product', index);
    products.push({
      id,
      sellerId: seller.id,
      categoryId: leaf.category.id,
      title: inTitle ? `${brand.name} ${item}, ${inTitle}` : `${brand.name} ${item}`,
      description: sentences.join(' '),
      priceAmount: roundPrice(basePrice),
      currency: 'EUR',
      condition,
      size,
      brand: brand.name,
      color,
      status,
      ...listingTimes(random, seller, status),
    });

    const views = imageViewsFor(leaf.kind);
    const imageCount = random.int(2, 4);
    for (let position = 0; position < imageCount; position += 1) {
      productImages.push({
        id: demoId('product-image', `${index}:${position}`),
        productId: id,
        url: `https://picsum.photos/seed/${id}-${position}/600/800`,
        alt: `${color} ${brand.name} ${item}, ${views[position] ?? 'detail'}`,
        position,
      });
    }
  }
  return { products, productImages };
}

/**
 * When a listing was online, so favourites, cart items and chats about it fall in that span: from publishing until
 * now, or until it was reserved, sold or archived. Null for drafts, which nobody but the seller ever saw.
 */
export function listingWindow(product: DemoProduct): { from: Date; to: Date } | null {
  if (!product.publishedAt) return null;
  return { from: product.publishedAt, to: product.status === 'ACTIVE' ? addTime(DEMO_NOW, -MINUTE) : product.updatedAt };
}
