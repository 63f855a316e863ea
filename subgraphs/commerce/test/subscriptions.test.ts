import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryEventTransport, type MemoryEventTransport } from '@threadly/events';
import { subscribeOverWebSocket, type TestSubscription } from '@threadly/testing';
import { admin, buyer, commerceFixture, id, outsider, seller } from './fixture.ts';
import { as, startCommerce, type CommerceHarness } from './harness.ts';

const ORDER_FIELDS = 'id status buyer { id } seller { id } items { title product { id } } timeline { status note }';
const ORDER_UPDATED = `subscription($id: ID!) { orderUpdated(orderId: $id) { ${ORDER_FIELDS} } }`;
const MY_ORDER_UPDATES = `subscription { myOrderUpdates { ${ORDER_FIELDS} } }`;
const SHIP = 'mutation($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "JD0001") { id } }';
const DELIVERED = 'mutation($id: ID!) { markOrderDelivered(orderId: $id) { id } }';

interface OrderEvent {
  id: string;
  status: string;
  buyer: { id: string };
  seller: { id: string };
  items: Array<{ title: string; product: { id: string } }>;
  timeline: Array<{ status: string; note: string | null }>;
}
type Updated = { orderUpdated: OrderEvent };
type Mine = { myOrderUpdates: OrderEvent };

// Seeded PAID orders of `buyer` from `seller` (see fixture.ts: every third one is SHIPPED).
const paidOrder = id(1001);
const anotherPaidOrder = id(1004);

describe('commerce subscriptions', () => {
  let h: CommerceHarness;
  let events: MemoryEventTransport;
  const open: Array<TestSubscription<never>> = [];
  const subscribe = <Data>(query: string, variables: Record<string, unknown>, viewer: string) => {
    const subscription = subscribeOverWebSocket<Data>(h.server.url, { query, variables }, { viewer });
    open.push(subscription as TestSubscription<never>);
    return subscription;
  };
  const listening = (count: number) => expect.poll(() => h.server.subscriptions?.activeSubscriptions(), { timeout: 30_000 }).toBe(count);
  const act = async (mutation: string, orderId: string) => {
    const result = await h.graphql(mutation, { id: orderId }, as(seller, 'SELLER'));
    expect(result.errors).toBeUndefined();
  };

  beforeAll(async () => {
    events = createMemoryEventTransport();
    h = await startCommerce(commerceFixture(), { events });
  }, 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.close()));
    await listening(0);
  });
  afterAll(async () => {
    await h?.close();
    await events?.close();
  });

  it("tells the buyer and the seller about each status change, with the order's items and timeline", async () => {
    const buyerFollows = subscribe<Updated>(ORDER_UPDATED, { id: paidOrder }, as(buyer));
    const sellerFollows = subscribe<Updated>(ORDER_UPDATED, { id: paidOrder }, as(seller, 'SELLER'));
    const buyersOrders = subscribe<Mine>(MY_ORDER_UPDATES, {}, as(buyer));
    const sellersOrders = subscribe<Mine>(MY_ORDER_UPDATES, {}, as(seller, 'SELLER'));
    await listening(4);
    const all = [buyerFollows, sellerFollows, buyersOrders, sellersOrders];
    // An event resolves the order as it is when delivered, so each transition waits for its events.
    for (const [mutation, status] of [[SHIP, 'SHIPPED'], [DELIVERED, 'DELIVERED']] as const) {
      await act(mutation, paidOrder);
      for (const subscription of all) {
        const { data, errors } = await subscription.next();
        expect(errors).toBeUndefined();
        const order = (data as Partial<Updated & Mine>).orderUpdated ?? (data as Partial<Updated & Mine>).myOrderUpdates;
        expect(order).toMatchObject({ id: paidOrder, status, buyer: { id: buyer }, seller: { id: seller } });
        expect(order?.timeline.at(-1)?.status).toBe(status);
        expect(order?.items.map((item) => item.product.id)).toEqual([id(10_011), id(10_012)]);
        if (status === 'SHIPPED') expect(order?.timeline.at(-1)?.note).toBe('Shipped with DHL, tracking number JD0001.');
      }
    }
  });

  it('publishes nothing for a transition that was refused', async () => {
    const sellersOrders = subscribe<Mine>(MY_ORDER_UPDATES, {}, as(seller, 'SELLER'));
    await listening(1);
    const refused = await h.graphql(DELIVERED, { id: anotherPaidOrder }, as(seller, 'SELLER'));
    expect(refused.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    await act(SHIP, anotherPaidOrder);
    // Events arrive in commit order: a published refusal would come first.
    expect((await sellersOrders.next()).data?.myOrderUpdates).toMatchObject({ id: anotherPaidOrder, status: 'SHIPPED' });
  });

  it("refuses anyone but the order's two parties with an error", async () => {
    const cases: Array<[viewer: string, orderId: string, code: string]> = [
      [as(outsider), paidOrder, 'NOT_FOUND'],
      [as(admin, 'ADMIN'), paidOrder, 'FORBIDDEN'],
      [as(buyer), id(9_999), 'NOT_FOUND'],
      [as(buyer), 'not-an-order-id', 'BAD_USER_INPUT'],
    ];
    for (const [viewer, orderId, code] of cases) {
      const subscription = subscribe<Updated>(ORDER_UPDATED, { id: orderId }, viewer);
      expect((await subscription.next()).errors?.[0]?.extensions?.code).toBe(code);
      await subscription.completed;
    }
  });
});
