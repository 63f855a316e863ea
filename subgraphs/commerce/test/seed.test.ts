import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '@threadly/demo-data';
import { commerceHasData, seedCommerce } from '../src/seed.ts';
import { as, startCommerce, type CommerceHarness } from './harness.ts';

const data = generateDemoData();
let h: CommerceHarness;
beforeAll(async () => {
  h = await startCommerce(data);
});
afterAll(async () => {
  await h?.close();
});

describe('demo data', () => {
  it('loads every commerce row once, however often it runs', async () => {
    expect(await commerceHasData(h.prisma)).toBe(true);
    expect(await h.prisma.order.count()).toBe(data.orders.length);
    expect(await h.prisma.orderItem.count()).toBe(data.orderItems.length);
    expect(await h.prisma.orderStatusChange.count()).toBe(data.orderStatusChanges.length);
    expect(await h.prisma.cartItem.count()).toBe(data.cartItems.length);
    expect((await seedCommerce(h.prisma, data)).rows).toBe(0);
  });

  it('serves a demo buyer their orders', async () => {
    const order = data.orders[0]!;
    const { data: result } = await h.graphql<{ myOrders: { edges: Array<{ node: { buyer: { id: string } } }> } }>(
      '{ myOrders(first: 100) { edges { node { buyer { id } } } } }',
      {},
      as(order.buyerId),
    );
    const expected = data.orders.filter((candidate) => candidate.buyerId === order.buyerId).length;
    expect(result?.myOrders.edges).toHaveLength(Math.min(expected, 100));
  });

  it('numbers new orders after the demo ones', async () => {
    const [{ next }] = await h.prisma.$queryRawUnsafe<[{ next: number }]>(
      `SELECT nextval(pg_get_serial_sequence('commerce."Order"', 'number'))::int AS next`,
    );
    expect(next).toBe(Math.max(...data.orders.map((order) => order.number)) + 1);
  });
});
