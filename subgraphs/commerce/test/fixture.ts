import type { DemoData } from '@threadly/demo-data';

/** Readable fixed uuids: `id(7)` is `00000000-0000-4000-8000-000000000007`. */
export const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const buyer = id(1);
export const seller = id(2);
export const outsider = id(3);
export const admin = id(4);
/** Buys from `buyer`, so `buyer` also has orders as a seller. */
export const secondBuyer = id(5);
/** Has a seeded cart. */
export const cartOwner = id(6);

export const BUYER_ORDERS = 60;
export const SECOND_BUYER_ORDERS = 3;
export const seededCartId = id(900);
export const product = (n: number) => id(10_000 + n);

const base = Date.UTC(2026, 0, 1);

/**
 * Commerce rows only: 60 orders of `buyer` from `seller` (every second pair shares a timestamp, to exercise the id
 * tie-break of the keyset), 3 orders of `secondBuyer` from `buyer`, each with two items and a status history.
 */
export function commerceFixture(): DemoData {
  const data: DemoData = {
    users: [], categories: [], products: [], productImages: [], favorites: [],
    carts: [{ id: seededCartId, buyerId: cartOwner, createdAt: new Date(base), updatedAt: new Date(base) }],
    cartItems: [1, 2, 3].map((n) => ({ id: id(910 + n), cartId: seededCartId, productId: product(n), addedAt: new Date(base + n * 1000) })),
    orders: [], orderItems: [], orderStatusChanges: [],
    conversations: [], conversationParticipants: [], messages: [],
  };
  const total = BUYER_ORDERS + SECOND_BUYER_ORDERS;
  for (let n = 1; n <= total; n += 1) {
    const orderId = id(1000 + n);
    const mine = n <= BUYER_ORDERS;
    const createdAt = new Date(base + Math.ceil(n / 2) * 60_000);
    const status = n % 3 === 0 ? 'SHIPPED' : 'PAID';
    data.orders.push({
      id: orderId, number: n, buyerId: mine ? buyer : secondBuyer, sellerId: mine ? seller : buyer, status, currency: 'EUR',
      subtotalAmount: 3000, shippingAmount: 499, totalAmount: 3499,
      shippingName: 'Ada Lovelace', shippingLine1: 'Hauptstraße 1', shippingLine2: null, shippingCity: 'Berlin',
      shippingPostalCode: '10115', shippingCountry: 'DE', createdAt, updatedAt: createdAt,
    });
    for (const line of [1, 2]) {
      data.orderItems.push({ id: id(20_000 + n * 10 + line), orderId, productId: product(n * 10 + line), title: `Item ${n}.${line}`, priceAmount: 1500, currency: 'EUR' });
    }
    data.orderStatusChanges.push({ id: id(40_000 + n * 10 + 1), orderId, status: 'PENDING_PAYMENT', note: null, actorId: null, createdAt });
    data.orderStatusChanges.push({ id: id(40_000 + n * 10 + 2), orderId, status: 'PAID', note: null, actorId: null, createdAt: new Date(createdAt.getTime() + 1000) });
    if (status === 'SHIPPED') {
      data.orderStatusChanges.push({
        id: id(40_000 + n * 10 + 3), orderId, status, note: 'Tracking 123', actorId: mine ? seller : buyer, createdAt: new Date(createdAt.getTime() + 2000),
      });
    }
  }
  return data;
}
