import { demoId } from './demo-id.ts';
import {
  ADMIN_REFUND_NOTES, BUYER_CANCELLATION_NOTES, BUYER_CONFIRMATION_NOTE, CARRIERS, DELIVERY_NOTES,
  EXPIRY_CANCELLATION_NOTE, PAYMENT_NOTES, SELLER_REFUND_NOTES,
} from './phrases.ts';
import type { Random } from './random.ts';
import { DAY, DEMO_NOW, HOUR, MINUTE, addTime, latest } from './time.ts';
import type {
  DemoOrder, DemoOrderItem, DemoOrderStatusChange, DemoProduct, DemoUser, OrderStatus, ProductStatus,
} from './types.ts';
import { DEMO_ACCOUNTS, cityOf } from './users.ts';
import { ADDRESS_SECOND_LINES } from './vocabulary.ts';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED',
];

/** Most orders on a mature marketplace are long delivered; a few are still moving. */
const STATUS_WEIGHTS: readonly (readonly [OrderStatus, number])[] = [
  ['DELIVERED', 40], ['SHIPPED', 10], ['PAID', 8], ['PENDING_PAYMENT', 6], ['CANCELLED', 14], ['REFUNDED', 6],
];

/**
 * How long ago an order still in each status was placed, in milliseconds. Unpaid orders expire after 48 hours and
 * parcels arrive within a week, so e.g. a PENDING_PAYMENT order from last month would be impossible.
 */
const PLACED_AGO: Record<OrderStatus, readonly [number, number]> = {
  PENDING_PAYMENT: [10 * MINUTE, 20 * HOUR],
  PAID: [2 * HOUR, 2 * DAY],
  SHIPPED: [4 * DAY, 6 * DAY],
  DELIVERED: [10 * DAY, 200 * DAY],
  CANCELLED: [3 * DAY, 200 * DAY],
  REFUNDED: [7 * DAY, 200 * DAY],
};

const ITEM_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[1, 70], [2, 22], [3, 8]];
const DOMESTIC_SHIPPING = 495;
const CROSS_BORDER_SHIPPING = 895;

interface OrderPlan {
  status: OrderStatus;
  buyer?: DemoUser;
  seller?: DemoUser;
}

interface PlacedOrder {
  status: OrderStatus;
  buyer: DemoUser;
  seller: DemoUser;
  createdAt: Date;
  products: DemoProduct[];
}

type TimelineStep = Pick<DemoOrderStatusChange, 'status' | 'note' | 'actorId' | 'createdAt'>;

export interface GeneratedOrders {
  orders: DemoOrder[];
  orderItems: DemoOrderItem[];
  orderStatusChanges: DemoOrderStatusChange[];
  /** Listings the orders took off the market (RESERVED, SOLD) or put back on it (cancelled, refunded). */
  productUpdates: Map<string, { status: ProductStatus; updatedAt: Date }>;
}

/**
 * The demo buyer gets one order in every state, the first bought from the demo seller so the two accounts can be
 * tried against each other; the demo seller gets sales in every stage of fulfilment. The rest is random.
 */
function planOrders(random: Random, count: number, demoBuyer: DemoUser, demoSeller: DemoUser): OrderPlan[] {
  const buyerPlans: OrderPlan[] = ORDER_STATUSES.map((status, index) => ({
    status,
    buyer: demoBuyer,
    seller: index === 0 ? demoSeller : undefined,
  }));
  const sellerStatuses: OrderStatus[] = ['DELIVERED', 'DELIVERED', 'SHIPPED', 'PAID', 'DELIVERED', 'PENDING_PAYMENT', 'CANCELLED'];
  const sellerPlans = sellerStatuses.map((status) => ({ status, seller: demoSeller }));
  const randomPlans = Array.from({ length: Math.max(0, count - buyerPlans.length - sellerPlans.length) }, () => ({
    status: random.weighted(STATUS_WEIGHTS),
  }));
  return [...buyerPlans, ...sellerPlans, ...randomPlans];
}

function trackingNote(random: Random): string {
  const carrier = random.pick(CARRIERS);
  const digits = Array.from({ length: carrier.digits }, () => random.int(0, 9)).join('');
  return `${carrier.name} ${carrier.prefix}${digits}`;
}

/** Every status the order went through, oldest first, with who caused each change. */
function buildTimeline(random: Random, order: PlacedOrder, adminId: string): TimelineStep[] {
  const { status, buyer, seller, createdAt } = order;
  const within = (from: Date, minimum: number, maximum: number) =>
    random.dateBetween(addTime(from, minimum), addTime(from, maximum));
  const steps: TimelineStep[] = [{ status: 'PENDING_PAYMENT', note: null, actorId: buyer.id, createdAt }];
  if (status === 'PENDING_PAYMENT') return steps;
  if (status === 'CANCELLED') {
    // Either the buyer backed out, or nobody paid and the system released the listing.
    steps.push(random.chance(0.5)
      ? { status, note: random.pick(BUYER_CANCELLATION_NOTES), actorId: buyer.id, createdAt: within(createdAt, 10 * MINUTE, 20 * HOUR) }
      : { status, note: EXPIRY_CANCELLATION_NOTE, actorId: null, createdAt: addTime(createdAt, 48 * HOUR) });
    return steps;
  }
  const paidAt = within(createdAt, MINUTE, 40 * MINUTE);
  steps.push({ status: 'PAID', note: random.pick(PAYMENT_NOTES), actorId: null, createdAt: paidAt });
  if (status === 'REFUNDED') {
    const bySupport = random.chance(0.4);
    steps.push({
      status,
      note: random.pick(bySupport ? ADMIN_REFUND_NOTES : SELLER_REFUND_NOTES),
      actorId: bySupport ? adminId : seller.id,
      createdAt: within(paidAt, DAY, 5 * DAY),
    });
    return steps;
  }
  if (status === 'PAID') return steps;
  const shippedAt = within(paidAt, 6 * HOUR, 3 * DAY);
  steps.push({ status: 'SHIPPED', note: trackingNote(random), actorId: seller.id, createdAt: shippedAt });
  if (status === 'SHIPPED') return steps;
  const deliveredAt = within(shippedAt, DAY, 5 * DAY);
  steps.push(random.chance(0.3)
    ? { status: 'DELIVERED', note: BUYER_CONFIRMATION_NOTE, actorId: buyer.id, createdAt: deliveredAt }
    : { status: 'DELIVERED', note: random.pick(DELIVERY_NOTES), actorId: null, createdAt: deliveredAt });
  return steps;
}

/** What an order did to its listings: reserved while unpaid, sold once paid, back on sale if it fell through. */
function productOutcome(order: PlacedOrder, steps: readonly TimelineStep[], product: DemoProduct) {
  const paid = steps.find((step) => step.status === 'PAID');
  switch (order.status) {
    case 'PENDING_PAYMENT':
      return { status: 'RESERVED' as const, updatedAt: order.createdAt };
    case 'CANCELLED':
    case 'REFUNDED':
      return { status: 'ACTIVE' as const, updatedAt: latest(product.updatedAt, steps.at(-1)?.createdAt ?? order.createdAt) };
    default:
      return { status: 'SOLD' as const, updatedAt: paid?.createdAt ?? order.createdAt };
  }
}

/** A street address in the user's city, the same for all their orders. */
function shippingAddressOf(random: Random, user: DemoUser) {
  const city = cityOf(user);
  const streetIndex = random.int(0, city.streets.length - 1);
  const street = city.streets[streetIndex] ?? '';
  const houseNumber = random.int(1, 140);
  return {
    shippingName: `${user.firstName} ${user.lastName}`,
    shippingLine1: city.houseNumberFirst ? `${houseNumber} ${street}` : `${street} ${houseNumber}`,
    shippingLine2: random.chance(0.3) ? random.pick(ADDRESS_SECOND_LINES) : null,
    shippingCity: city.name,
    shippingPostalCode: city.postalCodes[streetIndex] ?? city.postalCodes[0] ?? '',
    shippingCountry: city.countryCode,
  };
}

/**
 * About `count` orders, each from one seller with 1–3 of their ACTIVE listings. A listing is never in two orders, so
 * its status follows from its single order alone.
 */
export function generateOrders(
  random: Random,
  { count, users, products }: { count: number; users: readonly DemoUser[]; products: readonly DemoProduct[] },
): GeneratedOrders {
  const userById = new Map(users.map((user) => [user.id, user]));
  const demoBuyer = userById.get(DEMO_ACCOUNTS.buyer.id);
  const demoSeller = userById.get(DEMO_ACCOUNTS.seller.id);
  if (!demoBuyer || !demoSeller) throw new Error('The demo buyer and seller accounts are missing');

  const forSale = new Map<string, DemoProduct[]>();
  for (const product of products) {
    if (product.status === 'ACTIVE') forSale.set(product.sellerId, [...(forSale.get(product.sellerId) ?? []), product]);
  }
  // Admins run the platform rather than shop on it; sellers buy now and then too.
  const shoppers = users.filter((user) => user.role !== 'ADMIN').map((user) => [user, user.role === 'BUYER' ? 3 : 1] as const);

  const placeOrder = (plan: OrderPlan): PlacedOrder | null => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      // Sellers with more listings for sale get more orders.
      const sellerWeights = [...forSale.entries()]
        .filter(([sellerId, stock]) => stock.length > 0 && sellerId !== plan.buyer?.id)
        .map(([sellerId, stock]) => [sellerId, stock.length] as const);
      if (!plan.seller && sellerWeights.length === 0) return null;
      const seller = plan.seller ?? userById.get(random.weighted(sellerWeights));
      const otherShoppers = shoppers.filter(([user]) => user !== seller);
      const buyer = plan.buyer ?? (otherShoppers.length > 0 ? random.weighted(otherShoppers) : undefined);
      if (!seller || !buyer || buyer === seller) return null;
      const [minimumAgo, maximumAgo] = PLACED_AGO[plan.status];
      const from = latest(addTime(DEMO_NOW, -maximumAgo), addTime(buyer.createdAt, DAY));
      const createdAt = random.dateBetween(from, addTime(DEMO_NOW, -minimumAgo));
      // The buyer signed up too recently for an order in this status.
      if (createdAt.getTime() > DEMO_NOW.getTime() - minimumAgo) continue;
      // Buyers order listings that were online for at least an hour.
      const stock = forSale.get(seller.id) ?? [];
      const onlineSince = addTime(createdAt, -HOUR).getTime();
      const eligible = stock.filter((product) => product.publishedAt && product.publishedAt.getTime() <= onlineSince);
      if (eligible.length === 0) continue;
      const chosen = random.sample(eligible, random.weighted(ITEM_COUNT_WEIGHTS));
      forSale.set(seller.id, stock.filter((product) => !chosen.includes(product)));
      return { status: plan.status, buyer, seller, createdAt, products: chosen };
    }
    return null;
  };

  const placed = planOrders(random, count, demoBuyer, demoSeller)
    .map(placeOrder)
    .filter((order): order is PlacedOrder => order !== null)
    // Order numbers count up in the order the orders were placed, like the autoincrement column would.
    .sort((left, right) => left.createdAt.getTime() - right.createdAt.getTime());

  const result: GeneratedOrders = { orders: [], orderItems: [], orderStatusChanges: [], productUpdates: new Map() };
  placed.forEach((order, index) => {
    const number = index + 1;
    const id = demoId('order', number);
    const steps = buildTimeline(random, order, DEMO_ACCOUNTS.admin.id);
    // Forked per buyer so every order of theirs ships to the same address.
    const address = shippingAddressOf(random.fork(`address:${order.buyer.id}`), order.buyer);
    const subtotalAmount = order.products.reduce((sum, product) => sum + product.priceAmount, 0);
    const domestic = cityOf(order.buyer).countryCode === cityOf(order.seller).countryCode;
    const shippingAmount = domestic ? DOMESTIC_SHIPPING : CROSS_BORDER_SHIPPING;

    result.orders.push({
      id,
      number,
      buyerId: order.buyer.id,
      sellerId: order.seller.id,
      status: order.status,
      currency: 'EUR',
      subtotalAmount,
      shippingAmount,
      totalAmount: subtotalAmount + shippingAmount,
      ...address,
      createdAt: order.createdAt,
      updatedAt: steps.at(-1)?.createdAt ?? order.createdAt,
    });
    order.products.forEach((product, position) => {
      result.orderItems.push({
        id: demoId('order-item', `${number}:${position}`),
        orderId: id,
        productId: product.id,
        title: product.title,
        priceAmount: product.priceAmount,
        currency: product.currency,
      });
      result.productUpdates.set(product.id, productOutcome(order, steps, product));
    });
    steps.forEach((step, position) => {
      result.orderStatusChanges.push({ id: demoId('order-status-change', `${number}:${position}`), orderId: id, ...step });
    });
  });
  return result;
}
