// Conversations in real time through the gateway: `messageAdded` and `conversationUpdated` are owned by messaging
// and served over graphql-ws, and the fields other subgraphs own (the sender from identity, the product from
// catalog) are fetched by the gateway for each event. Also the connection's life: sign-in on connection_init,
// refusals, token expiry, account deletion, limits. Real gateway and subgraphs, real PostgreSQL and Redis.
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { CLERK_WEBHOOK_PATH } from '@threadly/identity';
import { clerkWebhookSender, deletedUserJson, serverUnavailableReason } from '@threadly/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WsMessage } from './subscriptions-fixtures/graphql-ws-test-client.ts';
import { startSubscriptionSupergraph, type SubscriptionSupergraph } from './subscriptions-fixtures/subscription-supergraph.ts';

const { buyer, admin } = DEMO_ACCOUNTS;
const MESSAGE_FIELDS = 'id body sender { id displayName imageUrl } conversation { id product { title images { url position } } }';
const MESSAGE_ADDED = `subscription($id: ID!) { messageAdded(conversationId: $id) { ${MESSAGE_FIELDS} } }`;
const CONVERSATION_UPDATED = 'subscription { conversationUpdated { id unreadCount lastMessage { body sender { displayName } } product { title } } }';
const SEND = `mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }`;

const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
let supergraph: SubscriptionSupergraph;
let conversation: { id: string; sellerId: string };
let outsiderId: string;

beforeAll(async () => {
  if (skip) return;
  supergraph = await startSubscriptionSupergraph({
    subscriptions: { maxPerConnection: 3, maxConnectionsPerUser: 3, accountCheckMs: 200 },
    userCacheTtlMs: 100,
  });
  const { body } = await supergraph.graphql('{ myConversations(first: 1) { edges { node { id seller { id } } } } }', {}, { as: buyer.id });
  const node = body.data.myConversations.edges[0].node;
  conversation = { id: node.id, sellerId: node.seller.id };
  const { rows } = await supergraph.database.pool.query<{ id: string }>(
    `SELECT id FROM identity."User" WHERE id NOT IN ($1, $2, $3) AND id NOT IN (SELECT "buyerId" FROM messaging."Conversation" WHERE id = $4) ORDER BY id LIMIT 1`,
    [buyer.id, admin.id, conversation.sellerId, conversation.id],
  );
  outsiderId = rows[0]!.id;
}, 180_000);
afterAll(() => supergraph?.close());

const firstNext = (id: string) => (message: WsMessage) => message.id === id && message.type === 'next';
const errorCodes = (message: WsMessage) => (message.payload.errors as Array<{ extensions: { code: string } }>).map((error) => error.extensions.code);
/** Subscribes and waits until messaging has the subscription (an event sent before that would not be seen). */
async function subscribed(client: Awaited<ReturnType<SubscriptionSupergraph['connect']>>, id: string, query: string, variables: Record<string, unknown> = {}) {
  client.subscribe(id, query, variables);
  await new Promise((resolve) => setTimeout(resolve, 300));
}
afterEach(() => supergraph?.closeClients());

describe.skipIf(skip)('conversation subscriptions through the gateway', () => {
  it('delivers a new message to both participants, complete with identity and catalog fields, exactly as a query returns it', async () => {
    const [asBuyer, asSeller] = await Promise.all([supergraph.connect({ as: buyer.id }), supergraph.connect({ as: conversation.sellerId })]);
    await Promise.all([asBuyer.ready, asSeller.ready]);
    await Promise.all([subscribed(asBuyer, 'm', MESSAGE_ADDED, { id: conversation.id }), subscribed(asSeller, 'm', MESSAGE_ADDED, { id: conversation.id })]);
    const sent = await supergraph.graphql(SEND, { id: conversation.id, body: 'Would you take 20 for it?' }, { as: buyer.id });
    const messageId = sent.body.data.sendMessage.id as string;
    const [buyerEvent, sellerEvent] = await Promise.all([asBuyer.next(firstNext('m')), asSeller.next(firstNext('m'))]);

    const queried = await supergraph.graphql(`query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { ${MESSAGE_FIELDS} } } } } }`, { id: conversation.id }, { as: buyer.id });
    const asQueried = queried.body.data.conversation.messages.edges.map((edge: { node: { id: string } }) => edge.node).find((node: { id: string }) => node.id === messageId);
    expect(asQueried.sender.displayName).toEqual(expect.any(String));
    expect(asQueried.conversation.product.title).toEqual(expect.any(String));
    expect(buyerEvent.payload).toEqual({ data: { messageAdded: asQueried } });
    expect(sellerEvent.payload).toEqual({ data: { messageAdded: asQueried } });
    expect(asBuyer.of('m').filter((message) => message.type === 'next')).toHaveLength(1);
  });

  it("keeps the other participant's inbox current with conversationUpdated", async () => {
    const asSeller = await supergraph.connect({ as: conversation.sellerId });
    await asSeller.ready;
    await subscribed(asSeller, 'c', CONVERSATION_UPDATED);
    await supergraph.graphql(SEND, { id: conversation.id, body: 'Deal if you ship tomorrow.' }, { as: buyer.id });
    const event = await asSeller.next(firstNext('c'));
    expect(event.payload.data.conversationUpdated).toMatchObject({
      id: conversation.id,
      unreadCount: expect.any(Number),
      lastMessage: { body: 'Deal if you ship tomorrow.', sender: { displayName: expect.any(String) } },
      product: { title: expect.any(String) },
    });
    expect(event.payload.data.conversationUpdated.unreadCount).toBeGreaterThan(0);
  });

  it('refuses outsiders, admins and anonymous clients with an error, never silence', async () => {
    const [outsider, moderator, anonymous] = await Promise.all([supergraph.connect({ as: outsiderId }), supergraph.connect({ as: admin.id }), supergraph.connect()]);
    await Promise.all([outsider.ready, moderator.ready, anonymous.ready]);
    for (const client of [outsider, moderator, anonymous]) client.subscribe('x', MESSAGE_ADDED, { id: conversation.id });
    const refusals = await Promise.all([outsider, moderator, anonymous].map((client) => client.next((message) => message.id === 'x' && message.type !== 'complete')));
    expect(refusals.map(errorCodes)).toEqual([['NOT_FOUND'], ['FORBIDDEN'], ['UNAUTHENTICATED']]);
    await Promise.all([outsider, moderator, anonymous].map((client) => client.next((message) => message.id === 'x' && message.type === 'complete')));
    expect(JSON.stringify([outsider.messages, moderator.messages, anonymous.messages])).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it('answers invalid operations and variables with their code', async () => {
    const client = await supergraph.connect({ as: buyer.id });
    await client.ready;
    client.subscribe('1', 'subscription { messageAdded { id } }');
    client.subscribe('2', MESSAGE_ADDED, { id: { not: 'an id' } });
    client.subscribe('3', MESSAGE_ADDED, { id: '00000000-0000-4000-8000-000000000000' });
    const answers = await Promise.all(['1', '2', '3'].map((id) => client.next((message) => message.id === id)));
    expect(answers.map((message) => [message.type, (message.payload.errors ?? message.payload)[0].extensions.code])).toEqual([
      ['error', 'GRAPHQL_VALIDATION_FAILED'],
      ['error', 'BAD_USER_INPUT'],
      ['next', 'NOT_FOUND'],
    ]);
  });

  it('closes with 4401 for a token that does not verify or has expired', async () => {
    const tampered = (await supergraph.authorizationFor(buyer.id)).slice(0, -4) + 'AAAA';
    const forged = await supergraph.connect({ authorization: tampered });
    await expect(forged.ready).rejects.toMatchObject({ code: 4401, reason: expect.stringContaining('signature') });
    const expired = await supergraph.connect({ as: buyer.id, ttlSeconds: -60 });
    await expect(expired.ready).rejects.toMatchObject({ code: 4401, reason: 'Session token has expired. Sign in again to get a new one.' });
  });

  it('closes an open connection with 4401 when its session token expires', async () => {
    const client = await supergraph.connect({ as: buyer.id, ttlSeconds: 2 });
    await client.ready;
    await subscribed(client, 'm', MESSAGE_ADDED, { id: conversation.id });
    expect(await client.closed).toEqual({ code: 4401, reason: 'Session token has expired. Sign in again to get a new one.' });
  });

  it('limits connections per user and subscriptions per connection', async () => {
    const open = await Promise.all([1, 2, 3].map(() => supergraph.connect({ as: conversation.sellerId })));
    await Promise.all(open.map((client) => client.ready));
    const fourth = await supergraph.connect({ as: conversation.sellerId });
    await expect(fourth.ready).rejects.toMatchObject({ code: 4429, reason: 'Too many connections: at most 3 at once per user.' });
    for (const id of ['1', '2', '3', '4']) open[0]!.subscribe(id, MESSAGE_ADDED, { id: conversation.id });
    const refused = await open[0]!.next((message) => message.id === '4');
    expect(refused).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'BAD_REQUEST' } }] });
    for (const client of open) client.close();
  });

  it('closes with 4401 when the account is deleted while connected', async () => {
    const client = await supergraph.connect({ as: outsiderId });
    await client.ready;
    const { rows } = await supergraph.database.pool.query<{ clerkId: string }>(`SELECT "clerkId" FROM identity."User" WHERE id = $1`, [outsiderId]);
    const send = clerkWebhookSender(new URL(CLERK_WEBHOOK_PATH, supergraph.gatewayUrl).toString());
    expect(await send('user.deleted', deletedUserJson(rows[0]!.clerkId))).toMatchObject({ status: 200 });
    expect(await client.closed).toEqual({ code: 4401, reason: 'This account has been deleted.' });
  });
});
