// Orders in real time through the gateway: `orderUpdated(orderId)` and `myOrderUpdates` are owned by commerce;
// each event is completed with the line items' products from catalog and the buyer and seller from identity,
// exactly as a query for the same fields returns them. Real gateway and subgraphs, PostgreSQL and Redis.
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { serverUnavailableReason } from '@threadly/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WsMessage } from './subscriptions-fixtures/graphql-ws-test-client.ts';
import { startSubscriptionSupergraph, type SubscriptionSupergraph } from './subscriptions-fixtures/subscription-supergraph.ts';

const { buyer, admin } = DEMO_ACCOUNTS;
const ORDER_FIELDS = 'id number status buyer { displayName } seller { displayName } items { title product { title images { url } } } total { amount currency }';
const ORDER_UPDATED = `subscription($id: ID!) { orderUpdated(orderId: $id) { ${ORDER_FIELDS} } }`;
const MY_ORDER_UPDATES = `subscription { myOrderUpdates { ${ORDER_FIELDS} } }`;
const SHIP = 'mutation($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "JD0001") { status } }';

const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
let supergraph: SubscriptionSupergraph;
let paidOrders: Array<{ id: string; sellerId: string }>;
let outsiderId: string;

beforeAll(async () => {
  if (skip) return;
  supergraph = await startSubscriptionSupergraph();
  const { body } = await supergraph.graphql('{ myOrders(first: 50, status: PAID) { edges { node { id seller { id } } } } }', {}, { as: buyer.id });
  paidOrders = body.data.myOrders.edges.map((edge: { node: { id: string; seller: { id: string } } }) => ({ id: edge.node.id, sellerId: edge.node.seller.id }));
  const { rows } = await supergraph.database.pool.query<{ id: string }>(
    `SELECT id FROM identity."User" WHERE id NOT IN ($1, $2, $3) ORDER BY id LIMIT 1`,
    [buyer.id, admin.id, paidOrders[0]!.sellerId],
  );
  outsiderId = rows[0]!.id;
}, 180_000);
afterAll(() => supergraph?.close());
afterEach(() => supergraph?.closeClients());

const nextOf = (id: string) => (message: WsMessage) => message.id === id && message.type === 'next';
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe.skipIf(skip)('order subscriptions through the gateway', () => {
  it('tells the buyer and the seller when an order ships, with products and people complete', async () => {
    const order = paidOrders[0]!;
    const [asBuyer, asSeller] = await Promise.all([supergraph.connect({ as: buyer.id }), supergraph.connect({ as: order.sellerId })]);
    await Promise.all([asBuyer.ready, asSeller.ready]);
    asBuyer.subscribe('o', ORDER_UPDATED, { id: order.id });
    asBuyer.subscribe('mine', MY_ORDER_UPDATES);
    asSeller.subscribe('o', ORDER_UPDATED, { id: order.id });
    await settle();
    expect((await supergraph.graphql(SHIP, { id: order.id }, { as: order.sellerId })).body).toEqual({ data: { shipOrder: { status: 'SHIPPED' } } });
    const [buyerEvent, sellerEvent, mine] = await Promise.all([asBuyer.next(nextOf('o')), asSeller.next(nextOf('o')), asBuyer.next(nextOf('mine'))]);

    const queried = await supergraph.graphql(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: order.id }, { as: buyer.id });
    expect(queried.body.data.order.status).toBe('SHIPPED');
    expect(queried.body.data.order.items[0].product.title).toEqual(expect.any(String));
    expect(buyerEvent.payload).toEqual({ data: { orderUpdated: queried.body.data.order } });
    expect(sellerEvent.payload).toEqual({ data: { orderUpdated: queried.body.data.order } });
    expect(mine.payload).toEqual({ data: { myOrderUpdates: queried.body.data.order } });
  });

  it('refuses anyone but the buyer and the seller with an error', async () => {
    const [outsider, moderator, anonymous] = await Promise.all([supergraph.connect({ as: outsiderId }), supergraph.connect({ as: admin.id }), supergraph.connect()]);
    await Promise.all([outsider.ready, moderator.ready, anonymous.ready]);
    for (const client of [outsider, moderator, anonymous]) client.subscribe('o', ORDER_UPDATED, { id: paidOrders[0]!.id });
    const refusals = await Promise.all([outsider, moderator, anonymous].map((client) => client.next(nextOf('o'))));
    expect(refusals.map((message) => message.payload.errors.map((error: { extensions: { code: string } }) => error.extensions.code))).toEqual([
      ['NOT_FOUND'],
      ['FORBIDDEN'],
      ['UNAUTHENTICATED'],
    ]);
  });
});
