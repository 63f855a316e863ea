import { randomUUID } from 'node:crypto';
import { orderCancelled, orderPaid, orderRefunded, orderShipped } from '@threadly/event-contracts';
import { createPrismaRunIdempotently, defineEventConsumer } from '@threadly/events';
import { postToService } from '@threadly/identity-headers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogPrisma, type CatalogPrisma } from '../src/database.ts';
import { orderEventHandlers } from '../src/events/order-handlers.ts';
import { SECRET, startCatalog, type CatalogHarness } from './harness.ts';

let catalog: CatalogHarness;
let prisma: CatalogPrisma;
beforeAll(async () => {
  catalog = await startCatalog();
  prisma = createCatalogPrisma(catalog.pool);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await catalog?.close();
});

type Answer = { reserved: true; products: Array<{ id: string; orderId: string; sellerId: string }> } | { reserved: false; unavailable: Array<{ id: string; reason: string }> };
const route = (path: string) => new URL(path, catalog.url).toString();
const reserve = (productIds: string[], buyerId: string = randomUUID(), orderIds: string[] = productIds.map(() => randomUUID())) =>
  postToService<Answer>(route('/internal/products/reserve'), { buyerId, productIds, orderIds, reservedUntil: new Date(Date.now() + 60_000).toISOString() }, SECRET);
const release = (orderIds: string[]) => postToService<{ released: string[] }>(route('/internal/products/release'), { orderIds }, SECRET);

/** An ACTIVE demo product no test has used yet, optionally of another seller than `notOf`. */
const used = new Set<string>();
const takeActive = (notOf?: string) => {
  const product = catalog.data.products.find((candidate) => candidate.status === 'ACTIVE' && !used.has(candidate.id) && candidate.sellerId !== notOf)!;
  used.add(product.id);
  return product;
};
const stateOf = async (ids: string[]) =>
  (await prisma.product.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, reservedByOrderId: true }, orderBy: { id: 'asc' } }));
const statusEvents = (productId: string) => prisma.outboxEvent.count({ where: { type: 'product.status_changed', aggregateId: productId } });

/** A fresh product reserved for a new order, and the parties its order events name. */
async function reservedProduct() {
  const productId = takeActive().id;
  const orderId = randomUUID();
  const answer = await reserve([productId], randomUUID(), [orderId]);
  if (!answer.reserved) throw new Error(`not reserved: ${JSON.stringify(answer)}`);
  return { productId, parties: { orderId, buyerId: randomUUID(), sellerId: answer.products[0]!.sellerId } };
}

const consumer = () => defineEventConsumer({ name: 'catalog-test', handlers: orderEventHandlers, runIdempotently: createPrismaRunIdempotently(prisma) });

describe('product reservation (internal routes)', () => {
  it('holds every product for one order per seller, and writes product.status_changed for each', async () => {
    const first = takeActive();
    const [a1, b1] = [first.id, takeActive(first.sellerId).id];
    const orderIds = [randomUUID(), randomUUID()];
    const answer = await reserve([a1, b1], randomUUID(), orderIds);
    expect(answer.reserved).toBe(true);
    const products = answer.reserved ? answer.products : [];
    expect(products.map((product) => [product.id, product.orderId])).toEqual([[a1, orderIds[0]], [b1, orderIds[1]]]);
    expect(await stateOf([a1])).toEqual([{ id: a1, status: 'RESERVED', reservedByOrderId: orderIds[0] }]);
    expect(await statusEvents(a1)).toBe(1);
    // Releasing twice: the second finds nothing to release.
    expect((await release(orderIds)).released.sort()).toEqual([a1, b1].sort());
    expect((await release(orderIds)).released).toEqual([]);
    expect((await stateOf([a1, b1])).map((product) => [product.status, product.reservedByOrderId])).toEqual([['ACTIVE', null], ['ACTIVE', null]]);
  });

  it('is all or nothing, naming what is not for sale and the buyer\'s own listings', async () => {
    const [free, taken, own] = [takeActive().id, takeActive().id, takeActive()];
    await reserve([taken]);
    const sold = catalog.data.products.find((product) => product.status === 'SOLD')!;
    const answer = await reserve([free, taken, sold.id, own.id], own.sellerId);
    expect(answer).toEqual({
      reserved: false,
      unavailable: expect.arrayContaining([
        expect.objectContaining({ id: taken, reason: 'NOT_FOR_SALE' }),
        expect.objectContaining({ id: sold.id, reason: 'NOT_FOR_SALE' }),
        expect.objectContaining({ id: own.id, reason: 'OWN_LISTING' }),
      ]),
    });
    expect((await stateOf([free]))[0]!.status).toBe('ACTIVE');
  });

  it('answers only signed requests', async () => {
    const response = await fetch(route('/internal/products/release'), { method: 'POST', body: JSON.stringify({ orderIds: [randomUUID()] }) });
    expect(response.status).toBe(401);
  });
});

describe("catalog's order event handlers", () => {
  it('sells on payment, ends the hold on shipping, and then a refund changes nothing', async () => {
    const { productId, parties } = await reservedProduct();
    const { orderId } = parties;
    const events = consumer();
    // Another order's payment does not sell it.
    await events.handle(orderPaid.create(randomUUID(), { ...parties, orderId: randomUUID(), productIds: [productId], paymentIntentId: 'pi_other' }));
    expect((await stateOf([productId]))[0]!.status).toBe('RESERVED');
    const paid = orderPaid.create(orderId, { ...parties, productIds: [productId], paymentIntentId: 'pi_1' });
    expect(await events.handle(paid)).toBe('handled');
    expect(await events.handle(paid)).toBe('duplicate');
    expect(await stateOf([productId])).toEqual([{ id: productId, status: 'SOLD', reservedByOrderId: orderId }]);
    await events.handle(orderShipped.create(orderId, { ...parties, productIds: [productId], carrier: 'DHL', trackingNumber: '1' }));
    await events.handle(orderRefunded.create(orderId, { ...parties, productIds: [productId], amount: 100, currency: 'EUR' }));
    expect(await stateOf([productId])).toEqual([{ id: productId, status: 'SOLD', reservedByOrderId: null }]);
  });

  it('puts a paid product back on sale when its order is cancelled before shipping', async () => {
    const { productId, parties } = await reservedProduct();
    const { orderId } = parties;
    const events = consumer();
    await events.handle(orderPaid.create(orderId, { ...parties, productIds: [productId], paymentIntentId: 'pi_2' }));
    await events.handle(orderCancelled.create(orderId, { ...parties, productIds: [productId], reason: 'BUYER_CANCELLED' }));
    expect(await stateOf([productId])).toEqual([{ id: productId, status: 'ACTIVE', reservedByOrderId: null }]);
    // ACTIVE → RESERVED → SOLD → ACTIVE, one event each.
    expect(await statusEvents(productId)).toBe(3);
  });
});
