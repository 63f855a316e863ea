import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_NOW, demoId, generateDemoData } from './index.ts';
import type { DemoData, OrderStatus, ProductStatus } from './index.ts';

const data = generateDemoData();

const indexById = <Row extends { id: string }>(rows: readonly Row[]) => new Map(rows.map((row) => [row.id, row]));
const ms = (date: Date) => date.getTime();

function expectUnique(values: readonly unknown[]): void {
  const seen = new Set<unknown>();
  const duplicates = values.filter((value) => seen.size === seen.add(value).size);
  expect(duplicates).toEqual([]);
}

function expectExists<Row>(rows: ReadonlyMap<string, Row>, id: string | null): Row {
  expect(id !== null && rows.has(id), `missing row ${id}`).toBe(true);
  return rows.get(id ?? '') as Row;
}

const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'REFUNDED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
  REFUNDED: [],
};

/** What a listing's status must be given the status of the (single) order it is in. */
const PRODUCT_STATUS_FOR_ORDER: Record<OrderStatus, ProductStatus> = {
  PENDING_PAYMENT: 'RESERVED',
  PAID: 'SOLD',
  SHIPPED: 'SOLD',
  DELIVERED: 'SOLD',
  CANCELLED: 'ACTIVE',
  REFUNDED: 'ACTIVE',
};

/** Every rule that must hold whatever the options: uniqueness, foreign keys, statuses and time order. */
function expectConsistent(demo: DemoData): void {
  const users = indexById(demo.users);
  const categories = indexById(demo.categories);
  const products = indexById(demo.products);
  const orders = indexById(demo.orders);
  const carts = indexById(demo.carts);
  const conversations = indexById(demo.conversations);

  for (const rows of Object.values(demo) as Record<string, unknown>[][]) {
    if (rows[0] && 'id' in rows[0]) expectUnique(rows.map((row) => row.id));
    for (const row of rows) {
      for (const value of Object.values(row)) if (value instanceof Date) expect(ms(value)).toBeLessThan(ms(DEMO_NOW));
    }
  }
  expectUnique(demo.users.map((user) => user.email));
  expectUnique(demo.users.map((user) => user.clerkId));
  expectUnique(demo.categories.map((category) => category.slug));
  expectUnique(demo.favorites.map((favorite) => `${favorite.userId}:${favorite.productId}`));
  expectUnique(demo.conversations.map((conversation) => `${conversation.productId}:${conversation.buyerId}`));
  expectUnique(demo.conversationParticipants.map((participant) => `${participant.conversationId}:${participant.userId}`));
  expectUnique(demo.carts.map((cart) => cart.buyerId));
  expectUnique(demo.cartItems.map((item) => `${item.cartId}:${item.productId}`));
  expectUnique(demo.productImages.map((image) => `${image.productId}:${image.position}`));
  expect(demo.orders.map((order) => order.number)).toEqual(demo.orders.map((_, index) => index + 1));

  const parentIds = new Set(demo.categories.map((category) => category.parentId));
  for (const category of demo.categories) if (category.parentId) expectExists(categories, category.parentId);

  for (const product of demo.products) {
    const seller = expectExists(users, product.sellerId);
    expect(seller.role).toBe('SELLER');
    expectExists(categories, product.categoryId);
    expect(parentIds.has(product.categoryId), `${product.title} is in a parent category`).toBe(false);
    expect(product.priceAmount).toBeGreaterThanOrEqual(300);
    expect(product.priceAmount).toBeLessThanOrEqual(25_000);
    expect(Number.isInteger(product.priceAmount)).toBe(true);
    expect(product.publishedAt === null).toBe(product.status === 'DRAFT');
    expect(ms(product.createdAt)).toBeGreaterThan(ms(seller.createdAt));
    expect(ms(product.publishedAt ?? product.createdAt)).toBeGreaterThanOrEqual(ms(product.createdAt));
    expect(ms(product.updatedAt)).toBeGreaterThanOrEqual(ms(product.publishedAt ?? product.createdAt));
  }
  for (const image of demo.productImages) expectExists(products, image.productId);

  for (const favorite of demo.favorites) {
    const product = expectExists(products, favorite.productId);
    const user = expectExists(users, favorite.userId);
    expect(product.sellerId).not.toBe(favorite.userId);
    expect(ms(favorite.createdAt)).toBeGreaterThanOrEqual(ms(product.publishedAt ?? DEMO_NOW));
    expect(ms(favorite.createdAt)).toBeGreaterThanOrEqual(ms(user.createdAt));
  }

  for (const item of demo.cartItems) {
    const cart = expectExists(carts, item.cartId);
    const product = expectExists(products, item.productId);
    expect(product.status).toBe('ACTIVE');
    expect(product.sellerId).not.toBe(cart.buyerId);
    expect(ms(item.addedAt)).toBeGreaterThanOrEqual(ms(cart.createdAt));
    expect(ms(item.addedAt)).toBeLessThanOrEqual(ms(cart.updatedAt));
  }
  for (const cart of demo.carts) expectExists(users, cart.buyerId);

  const orderOfProduct = new Map<string, string>();
  for (const item of demo.orderItems) {
    const order = expectExists(orders, item.orderId);
    const product = expectExists(products, item.productId);
    expect(orderOfProduct.has(product.id), `${product.title} is in two orders`).toBe(false);
    orderOfProduct.set(product.id, order.id);
    expect(product.sellerId).toBe(order.sellerId);
    expect([item.title, item.priceAmount, item.currency]).toEqual([product.title, product.priceAmount, product.currency]);
    expect(product.status).toBe(PRODUCT_STATUS_FOR_ORDER[order.status]);
    expect(ms(order.createdAt)).toBeGreaterThan(ms(product.publishedAt ?? DEMO_NOW));
  }
  for (const product of demo.products) {
    if (product.status === 'SOLD' || product.status === 'RESERVED') expect(orderOfProduct.has(product.id)).toBe(true);
  }
  for (const order of demo.orders) {
    const buyer = expectExists(users, order.buyerId);
    expectExists(users, order.sellerId);
    expect(order.buyerId).not.toBe(order.sellerId);
    expect(ms(order.createdAt)).toBeGreaterThan(ms(buyer.createdAt));
    const items = demo.orderItems.filter((item) => item.orderId === order.id);
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(order.subtotalAmount).toBe(items.reduce((sum, item) => sum + item.priceAmount, 0));
    expect(order.totalAmount).toBe(order.subtotalAmount + order.shippingAmount);
    expect(order.shippingCountry).toMatch(/^[A-Z]{2}$/);

    const timeline = demo.orderStatusChanges.filter((change) => change.orderId === order.id);
    expect(timeline[0]?.status).toBe('PENDING_PAYMENT');
    expect(timeline[0]?.createdAt).toEqual(order.createdAt);
    expect(timeline.at(-1)?.status).toBe(order.status);
    expect(timeline.at(-1)?.createdAt).toEqual(order.updatedAt);
    timeline.slice(1).forEach((change, index) => {
      const previous = timeline[index];
      expect(NEXT_STATUSES[previous?.status ?? 'DELIVERED']).toContain(change.status);
      expect(ms(change.createdAt)).toBeGreaterThan(ms(previous?.createdAt ?? DEMO_NOW));
      if (change.status === 'SHIPPED') expect(change.note).toMatch(/^[A-Za-z]+ [0-9A-Z]{10,}$/);
    });
    for (const change of timeline) if (change.actorId) expectExists(users, change.actorId);
  }

  for (const conversation of demo.conversations) {
    const product = expectExists(products, conversation.productId);
    expectExists(users, conversation.buyerId);
    expect(conversation.sellerId).toBe(product.sellerId);
    expect(conversation.buyerId).not.toBe(conversation.sellerId);
    expect(ms(conversation.createdAt)).toBeGreaterThanOrEqual(ms(product.publishedAt ?? DEMO_NOW));

    const messages = demo.messages.filter((message) => message.conversationId === conversation.id);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages.length).toBeLessThanOrEqual(10);
    expect(conversation.lastMessageAt).toEqual(messages.at(-1)?.createdAt);
    expect(conversation.updatedAt).toEqual(conversation.lastMessageAt);
    const participants = demo.conversationParticipants.filter((participant) => participant.conversationId === conversation.id);
    expect(participants.map((participant) => participant.userId).sort()).toEqual([conversation.buyerId, conversation.sellerId].sort());
    messages.forEach((message, index) => {
      expect([conversation.buyerId, conversation.sellerId]).toContain(message.senderId);
      expect(ms(message.createdAt)).toBeGreaterThan(ms(messages[index - 1]?.createdAt ?? new Date(ms(conversation.createdAt) - 1)));
      if (message.readAt) expect(ms(message.readAt)).toBeGreaterThanOrEqual(ms(message.createdAt));
      const reader = participants.find((participant) => participant.userId !== message.senderId);
      // An unread message is newer than the moment its reader last opened the chat.
      if (!message.readAt && reader?.lastReadAt) expect(ms(message.createdAt)).toBeGreaterThan(ms(reader.lastReadAt));
    });
    for (const participant of participants) expect(participant.updatedAt).toEqual(conversation.updatedAt);
  }
  for (const participant of demo.conversationParticipants) {
    expectExists(conversations, participant.conversationId);
    expectExists(users, participant.userId);
  }
}

describe('generateDemoData', () => {
  it('is deterministic', () => {
    expect(generateDemoData()).toEqual(data);
    expect(generateDemoData({ seed: 7 })).toEqual(generateDemoData({ seed: 7 }));
    expect(generateDemoData({ seed: 7 }).products).not.toEqual(data.products);
  });

  it('is fast', () => {
    const start = performance.now();
    generateDemoData();
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('generates the default amounts', () => {
    expect(data.users).toHaveLength(30);
    expect(data.products).toHaveLength(500);
    expect(data.categories.length).toBeGreaterThanOrEqual(8);
    expect(new Set(data.orders.map((order) => order.status))).toEqual(
      new Set(['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED']),
    );
    expect(data.users.filter((user) => user.role === 'SELLER')).toHaveLength(12);
    expect(data.favorites.length).toBeGreaterThan(1200);
    expect(data.orders.length).toBeGreaterThan(50);
    expect(data.conversations.length).toBeGreaterThan(50);
    expect(data.carts.length).toBe(10);
    // Most listings are for sale, or were until an order came in.
    const live = data.products.filter((product) => ['ACTIVE', 'RESERVED', 'SOLD'].includes(product.status));
    expect(live.length / data.products.length).toBeGreaterThan(0.75);
    expect(live.length / data.products.length).toBeLessThan(0.95);
  });

  it.each([
    ['the defaults', {}],
    ['another seed', { seed: 12_345 }],
    ['the smallest possible world', { users: 3, products: 10 }],
    ['a catalog without listings', { users: 5, products: 0 }],
    ['a large world', { users: 120, products: 2000, seed: 3 }],
  ])('is consistent for %s', (_, options) => {
    expectConsistent(generateDemoData(options));
  });

  it('rejects impossible options', () => {
    expect(() => generateDemoData({ users: 2 })).toThrow(RangeError);
    expect(() => generateDemoData({ products: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ seed: 1.5 })).toThrow(RangeError);
  });
});

describe('demo accounts', () => {
  const { admin, seller, buyer } = DEMO_ACCOUNTS;
  const user = (id: string) => data.users.find((candidate) => candidate.id === id);

  it('have fixed emails, roles and ids', () => {
    expect([user(admin.id)?.email, user(admin.id)?.role]).toEqual(['admin@demo.threadly.dev', 'ADMIN']);
    expect([user(seller.id)?.email, user(seller.id)?.role]).toEqual(['seller@demo.threadly.dev', 'SELLER']);
    expect([user(buyer.id)?.email, user(buyer.id)?.role]).toEqual(['buyer@demo.threadly.dev', 'BUYER']);
    expect(generateDemoData({ users: 3, products: 10, seed: 99 }).users.map((row) => row.id)).toEqual([admin.id, seller.id, buyer.id]);
  });

  it('give the demo seller a busy shop', () => {
    expect(data.products.filter((product) => product.sellerId === seller.id).length).toBeGreaterThanOrEqual(20);
    const sold = data.orders.filter((order) => order.sellerId === seller.id && ['PAID', 'SHIPPED', 'DELIVERED'].includes(order.status));
    expect(sold.length).toBeGreaterThanOrEqual(5);
    expect(data.conversations.filter((conversation) => conversation.sellerId === seller.id).length).toBeGreaterThanOrEqual(3);
  });

  it('give the demo buyer orders, a cart, favourites and unread chats', () => {
    const orders = data.orders.filter((order) => order.buyerId === buyer.id);
    expect(orders.length).toBeGreaterThanOrEqual(5);
    expect(new Set(orders.map((order) => order.status)).size).toBeGreaterThanOrEqual(4);
    expect(data.favorites.filter((favorite) => favorite.userId === buyer.id).length).toBeGreaterThanOrEqual(10);
    const cart = data.carts.find((candidate) => candidate.buyerId === buyer.id);
    const items = data.cartItems.filter((item) => item.cartId === cart?.id);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.length).toBeLessThanOrEqual(3);
    const chats = data.conversations.filter((conversation) => conversation.buyerId === buyer.id);
    expect(chats.length).toBeGreaterThanOrEqual(3);
    const chatIds = new Set(chats.map((conversation) => conversation.id));
    expect(data.messages.some((message) => chatIds.has(message.conversationId) && message.senderId !== buyer.id && !message.readAt)).toBe(true);
  });
});

describe('demoId', () => {
  it('is a stable name-based UUID v5', () => {
    expect(demoId('user', 1)).toBe(demoId('user', '1'));
    expect(demoId('user', 1)).not.toBe(demoId('product', 1));
    expect(demoId('order', 42)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
