// The gateway as a consumer of the event backbone: which cached responses each change event purges.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderPaid, productCreated, productStatusChanged, productUpdated, userDeleted, userUpdated } from '@threadly/event-contracts';
import { createMemoryEventTransport, type EventSubscription, type MemoryEventTransport } from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { MemoryTaggedCache } from '../src/cache/memory-tagged-cache.ts';
import { startResponseCachePurger } from '../src/cache/response-cache-purger.ts';

const silent = createLogger('gateway', 'silent');
const product = { productId: randomUUID(), sellerId: randomUUID(), categoryId: randomUUID() };
const userId = randomUUID();

let events: MemoryEventTransport;
let cache: MemoryTaggedCache;
let purger: EventSubscription;

/** Caches one entry under `tags`, as a request would. */
async function cacheUnder(key: string, tags: string[]) {
  const state = { tags: new Set(tags) };
  cache.forNextCall(state);
  await cache.get(key);
  cache.forNextCall(state);
  await cache.set(key, 'cached answer', { ttl: 300 });
}

async function cached(keys: string[]) {
  const present: string[] = [];
  for (const key of keys) {
    cache.forNextCall({ tags: new Set() });
    if ((await cache.get(key)) !== undefined) present.push(key);
  }
  return present;
}

beforeEach(async () => {
  events = createMemoryEventTransport({ logger: silent });
  cache = new MemoryTaggedCache();
  purger = startResponseCachePurger({ store: { cache, backend: 'memory' }, events, logger: silent });
  await cacheUnder('fqc:page', [`Product:${product.productId}`, `User:${product.sellerId}`]);
  await cacheUnder('fqc:shop', ['Product:list', `Category:${product.categoryId}`]);
  await cacheUnder('fqc:profile', [`User:${userId}`]);
  await cacheUnder('fqc:categories', [`Category:${product.categoryId}`]);
});
afterEach(async () => {
  await purger.stop();
  await events.close();
});

const ALL = ['fqc:page', 'fqc:shop', 'fqc:profile', 'fqc:categories'];

describe('the response cache purger', () => {
  it.each([
    ['product.created', productCreated.create(product.productId, { ...product, status: 'DRAFT' })],
    ['product.updated', productUpdated.create(product.productId, { ...product, status: 'ACTIVE', changedFields: ['price'] })],
    ['product.status_changed', productStatusChanged.create(product.productId, { ...product, status: 'SOLD', from: 'RESERVED' })],
  ])('purges the listing and every product list on %s', async (_type, event) => {
    await events.publish([event]);
    await events.settle(5_000);
    expect(await cached(ALL)).toEqual(['fqc:profile', 'fqc:categories']);
  });

  it.each([
    ['user.updated', userUpdated.create(userId, { userId, changedFields: ['displayName'] })],
    ['user.deleted', userDeleted.create(userId, { userId })],
  ])('purges the profile on %s', async (_type, event) => {
    await events.publish([event]);
    await events.settle(5_000);
    expect(await cached(ALL)).toEqual(['fqc:page', 'fqc:shop', 'fqc:categories']);
  });

  it('leaves the cache alone for events about nothing it tags, and dead-letters what is not an event', async () => {
    const orderId = randomUUID();
    await events.publish([orderPaid.create(orderId, { orderId, buyerId: userId, sellerId: product.sellerId, productIds: [product.productId], paymentIntentId: 'pi_1' })]);
    await events.publish([{ type: 'product.updated', payload: 'not a product' } as never]);
    await events.settle(5_000);
    expect(await cached(ALL)).toEqual(ALL);
    expect(events.deadLetters.length).toBeGreaterThanOrEqual(1);
  });
});
