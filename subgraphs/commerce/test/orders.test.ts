import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, buyer, BUYER_ORDERS, commerceFixture, id, outsider, secondBuyer, seller } from './fixture.ts';
import { as, startCommerce, type CommerceHarness } from './harness.ts';

interface Page {
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
}

const fixture = commerceFixture();
const newestFirst = (buyerId: string) =>
  fixture.orders
    .filter((order) => order.buyerId === buyerId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((order) => order.id);

const MY_ORDERS = `query($first: Int, $after: String, $last: Int, $before: String, $role: OrderRole, $status: OrderStatus) {
  myOrders(first: $first, after: $after, last: $last, before: $before, role: $role, status: $status) {
    edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

let h: CommerceHarness;
beforeAll(async () => {
  h = await startCommerce(fixture);
});
afterAll(async () => {
  await h?.close();
});

const ids = (page: Page | undefined) => page?.edges.map((edge) => edge.node.id) ?? [];

describe('order', () => {
  const first = id(1001);
  const ORDER = `query($id: ID!) { order(id: $id) {
    id number status currency buyer { id } seller { id }
    items { title price { amount currency } product { id } }
    subtotal { amount } shipping { amount } total { amount currency }
    timeline { status note actor { id } }
    shippingAddress { name line1 line2 city postalCode country }
  } }`;

  it('shows an order to its buyer, its seller and admins', async () => {
    for (const viewer of [as(buyer), as(seller, 'SELLER'), as(admin, 'ADMIN')]) {
      const { data, errors } = await h.graphql<{ order: { id: string } }>(ORDER, { id: first }, viewer);
      expect(errors).toBeUndefined();
      expect(data?.order.id).toBe(first);
    }
    const { data } = await h.graphql<{ order: Record<string, unknown> }>(ORDER, { id: id(1003) }, as(buyer));
    expect(data?.order).toMatchObject({
      number: 'TH-000003',
      status: 'SHIPPED',
      buyer: { id: buyer },
      seller: { id: seller },
      items: [{ title: 'Item 3.1', price: { amount: 1500, currency: 'EUR' } }, { title: 'Item 3.2' }],
      total: { amount: 3499, currency: 'EUR' },
      timeline: [{ status: 'PENDING_PAYMENT', actor: null }, { status: 'PAID' }, { status: 'SHIPPED', note: 'Tracking 123', actor: { id: seller } }],
      shippingAddress: { city: 'Berlin', line2: null, country: 'DE' },
    });
  });

  it('gives NOT_FOUND to anyone else, and for unknown and malformed ids', async () => {
    for (const orderId of [first, id(999_999), 'not-a-uuid']) {
      const { errors } = await h.graphql(ORDER, { id: orderId }, as(orderId === first ? outsider : buyer));
      expect(errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    }
    expect((await h.graphql(ORDER, { id: first })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('resolves Order references only for those who may see them', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id number } } }';
    const r = [first, id(1062), id(999_999), 'nope'].map((orderId) => ({ __typename: 'Order', id: orderId }));
    h.statements.reset();
    // The seller of order 1 had nothing to do with order 62 (bought from `buyer`).
    const { data } = await h.graphql<{ _entities: unknown[] }>(query, { r }, as(seller, 'SELLER'));
    expect(data?._entities).toEqual([{ id: first, number: 'TH-000001' }, null, null, null]);
    expect(h.statements.statements).toHaveLength(1);
    expect((await h.graphql<{ _entities: unknown[] }>(query, { r }, as(admin, 'ADMIN'))).data?._entities.slice(0, 2)).toEqual([
      { id: first, number: 'TH-000001' },
      { id: id(1062), number: 'TH-000062' },
    ]);
    expect((await h.graphql<{ _entities: unknown[] }>(query, { r })).data?._entities).toEqual([null, null, null, null]);
  });
});

describe('myOrders', () => {
  it('walks every page forwards without gaps or duplicates, newest first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const response: { data: { myOrders: Page } | null | undefined } = await h.graphql(MY_ORDERS, { first: 7, after }, as(buyer));
      const page = response.data?.myOrders;
      seen.push(...ids(page));
      if (!page?.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst(buyer));
    expect(new Set(seen).size).toBe(BUYER_ORDERS);
  });

  it('pages backwards with last/before', async () => {
    const all = newestFirst(buyer);
    const head = await h.graphql<{ myOrders: Page }>(MY_ORDERS, { first: 10 }, as(buyer));
    const back = await h.graphql<{ myOrders: Page }>(MY_ORDERS, { last: 4, before: head.data?.myOrders.pageInfo.endCursor }, as(buyer));
    expect(ids(back.data?.myOrders)).toEqual(all.slice(5, 9));
    expect(back.data?.myOrders.pageInfo.hasPreviousPage).toBe(true);
  });

  it('filters by role and status', async () => {
    const sold = await h.graphql<{ myOrders: Page }>(MY_ORDERS, { role: 'SELLER', first: 100 }, as(buyer));
    expect(ids(sold.data?.myOrders)).toEqual(newestFirst(secondBuyer));
    const shipped = await h.graphql<{ myOrders: Page }>(MY_ORDERS, { status: 'SHIPPED', first: 100 }, as(buyer));
    expect(ids(shipped.data?.myOrders)).toHaveLength(BUYER_ORDERS / 3);
    expect((await h.graphql<{ myOrders: Page }>(MY_ORDERS, { first: 5 }, as(outsider))).data?.myOrders.edges).toEqual([]);
  });

  it('rejects bad page arguments and anonymous viewers', async () => {
    const tooMany = await h.graphql(MY_ORDERS, { first: 101 }, as(buyer));
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await h.graphql(MY_ORDERS, { first: 5, after: 'garbage' }, as(buyer));
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await h.graphql(MY_ORDERS, { first: 5 })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('runs the same number of statements for 5 and for 50 orders with every relation', async () => {
    const query = `query($first: Int) { myOrders(first: $first) { edges { node {
      number items { title price { amount } product { id } } timeline { status } total { amount } buyer { id }
    } } } }`;
    const counts: number[] = [];
    for (const size of [5, 50]) {
      h.statements.reset();
      const { data, errors } = await h.graphql<{ myOrders: Page }>(query, { first: size }, as(buyer));
      expect(errors).toBeUndefined();
      expect(data?.myOrders.edges).toHaveLength(size);
      counts.push(h.statements.statements.length);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(3);
  });
});

describe('User.orders', () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id orders(first: 3) { edges { node { id } } } } } }`;
  const r = [{ __typename: 'User', id: buyer }];

  it('is visible to the user themself and admins', async () => {
    for (const viewer of [as(buyer), as(admin, 'ADMIN')]) {
      const { data } = await h.graphql<{ _entities: Array<{ orders: Page }> }>(query, { r }, viewer);
      expect(ids(data?._entities[0]?.orders)).toEqual(newestFirst(buyer).slice(0, 3));
    }
  });

  it('is FORBIDDEN to others and UNAUTHENTICATED to anonymous requests', async () => {
    expect((await h.graphql(query, { r }, as(seller, 'SELLER'))).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await h.graphql(query, { r })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('seed', () => {
  it('is idempotent and moves the order number sequence past the seeded numbers', async () => {
    const before = await h.prisma.order.count();
    expect(before).toBe(fixture.orders.length);
    const { seedCommerce } = await import('../src/seed.ts');
    expect((await seedCommerce(h.prisma, fixture)).rows).toBe(0);
    const order = fixture.orders[0]!;
    const created = await h.prisma.order.create({ data: { ...order, id: id(77_777), number: undefined } });
    expect(created.number).toBe(fixture.orders.length + 1);
    await h.prisma.order.delete({ where: { id: created.id } });
  });
});
