import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, fakeDirectory, FixtureBuilder, startHarness, type Actor, type Harness } from './harness.ts';

const buyer: Actor = { userId: randomUUID(), role: 'BUYER' };
const seller: Actor = { userId: randomUUID(), role: 'SELLER' };
const stranger: Actor = { userId: randomUUID(), role: 'BUYER' };
const admin: Actor = { userId: randomUUID(), role: 'ADMIN' };
const jacket = randomUUID();
const scarf = randomUUID();
const sellersOwnView = randomUUID();
const directory = fakeDirectory(new Map([[jacket, seller.userId], [scarf, seller.userId], [sellersOwnView, buyer.userId]]));

const fixture = new FixtureBuilder();
const existing = fixture.conversation({
  productId: scarf, buyerId: stranger.userId, sellerId: seller.userId, at: new Date('2026-01-01T00:00:00.000Z'),
  messages: [[stranger.userId, 'Hi']],
});

const START = `mutation($productId: ID!, $message: String!) { startConversation(productId: $productId, message: $message) {
  id buyer { id } seller { id } product { id } unreadCount lastMessage { body sender { id } } messages { edges { node { body } } }
} }`;
const SEND = 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id body sender { id } readAt conversation { id unreadCount } } }';
const READ = 'mutation($id: ID!) { markConversationRead(conversationId: $id) { id unreadCount lastMessage { readAt } } }';
const UNREAD = 'query($id: ID!) { conversation(id: $id) { unreadCount messages { edges { node { body readAt } } } } }';

interface Started {
  startConversation: { id: string; messages: { edges: Array<{ node: { body: string } }> } };
}

describe('messaging writes', () => {
  let h: Harness;
  let conversationId = '';
  beforeAll(async () => {
    h = await startHarness(fixture.data, directory);
  }, 120_000);
  afterAll(() => h?.close());

  it('starts a conversation with the seller the catalog names, trimming the message', async () => {
    const { data, errors } = await h.gql<Started>(START, { productId: jacket, message: '  Does it fit a size M?  ' }, buyer);
    expect(errors).toBeUndefined();
    expect(data?.startConversation).toMatchObject({
      buyer: { id: buyer.userId },
      seller: { id: seller.userId },
      product: { id: jacket },
      unreadCount: 0,
      lastMessage: { body: 'Does it fit a size M?', sender: { id: buyer.userId } },
    });
    conversationId = data?.startConversation.id ?? '';
    const inbox = await h.gql<{ myConversations: { edges: Array<{ node: { id: string; unreadCount: number } }> } }>(
      '{ myConversations { edges { node { id unreadCount } } } }', {}, seller);
    expect(inbox.data?.myConversations.edges[0]?.node).toEqual({ id: conversationId, unreadCount: 1 });
  });

  it('appends to the existing conversation when the same buyer starts again about the same product', async () => {
    const again = await h.gql<Started>(START, { productId: jacket, message: 'And the length?' }, buyer);
    expect(again.data?.startConversation.id).toBe(conversationId);
    expect(again.data?.startConversation.messages.edges.map((edge) => edge.node.body)).toEqual(['And the length?', 'Does it fit a size M?']);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM messaging."Conversation" WHERE "productId" = $1', [jacket]);
    expect(rows[0].n).toBe(1);
  });

  it('survives a double click: two concurrent first starts end in one conversation', async () => {
    const both = await Promise.all([1, 2].map((n) => h.gql<Started>(START, { productId: scarf, message: `Offer ${n}` }, buyer)));
    expect(both.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(both[0]?.data?.startConversation.id).toBe(both[1]?.data?.startConversation.id);
  });

  it('refuses unknown products, own products, blank messages and anonymous callers', async () => {
    expect(errorOf(await h.gql(START, { productId: randomUUID(), message: 'Hi' }, buyer)).code).toBe('NOT_FOUND');
    const callsBefore = directory.calls.length;
    expect(errorOf(await h.gql(START, { productId: 'jacket', message: 'Hi' }, buyer)).code).toBe('NOT_FOUND');
    expect(directory.calls.length).toBe(callsBefore);
    expect(errorOf(await h.gql(START, { productId: sellersOwnView, message: 'Hi' }, buyer))).toEqual({ code: 'BAD_USER_INPUT', field: 'productId' });
    expect(errorOf(await h.gql(START, { productId: jacket, message: '   ' }, buyer))).toEqual({ code: 'BAD_USER_INPUT', field: 'message' });
    expect(errorOf(await h.gql(START, { productId: jacket, message: 'x'.repeat(2001) }, buyer))).toEqual({ code: 'BAD_USER_INPUT', field: 'message' });
    expect(errorOf(await h.gql(START, { productId: jacket, message: 'Hi' })).code).toBe('UNAUTHENTICATED');
  });

  it('stores messages as plain text: markup is removed, line breaks stay, a message of nothing but markup is refused', async () => {
    const sent = await h.gql<{ sendMessage: { body: string } }>(SEND, { id: conversationId, body: 'Sure!\n<img src=x onerror=alert(1)>See <b>photo</b>' }, buyer);
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.sendMessage.body).toBe('Sure!\nSee photo');
    expect(errorOf(await h.gql(SEND, { id: conversationId, body: '<script>alert(1)</script>' }, buyer))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
  });

  it('sends a reply that moves the conversation up both inboxes in one consistent write', async () => {
    const { data, errors } = await h.gql<{ sendMessage: Record<string, unknown> }>(SEND, { id: conversationId, body: ' Yes, it does. ' }, seller);
    expect(errors).toBeUndefined();
    expect(data?.sendMessage).toMatchObject({ body: 'Yes, it does.', sender: { id: seller.userId }, readAt: null, conversation: { id: conversationId, unreadCount: 0 } });
    const { rows } = await h.pool.query(
      `SELECT c."updatedAt" AS c, c."lastMessageAt" AS l, array_agg(p."updatedAt") AS p
       FROM messaging."Conversation" c JOIN messaging."ConversationParticipant" p ON p."conversationId" = c.id
       WHERE c.id = $1 GROUP BY c.id`, [conversationId]);
    expect(rows[0].p.map((date: Date) => date.getTime())).toEqual([rows[0].c.getTime(), rows[0].c.getTime()]);
    expect(rows[0].l.getTime()).toBe(rows[0].c.getTime());
    // Replying counts as having read the buyer's questions.
    const asSeller = await h.gql<{ conversation: { unreadCount: number; messages: { edges: Array<{ node: { body: string; readAt: string | null } }> } } }>(UNREAD, { id: conversationId }, seller);
    expect(asSeller.data?.conversation.unreadCount).toBe(0);
    expect(asSeller.data?.conversation.messages.edges.filter((edge) => edge.node.readAt === null).map((edge) => edge.node.body)).toEqual(['Yes, it does.']);
  });


  it('announces every message as message.sent, committed with it: who wrote to whom, never the body', async () => {
    const { rows: messages } = await h.pool.query(`SELECT id, "senderId" FROM messaging."Message" WHERE "conversationId" = $1 ORDER BY "createdAt", id`, [conversationId]);
    const { rows: events } = await h.pool.query(`SELECT type, payload FROM messaging."OutboxEvent" WHERE "aggregateId" = $1 ORDER BY "occurredAt", id`, [conversationId]);
    expect(messages.length).toBeGreaterThan(1);
    expect(events).toEqual(
      messages.map((message: { id: string; senderId: string }) => ({
        type: 'message.sent',
        payload: {
          messageId: message.id,
          conversationId,
          productId: jacket,
          senderId: message.senderId,
          recipientId: message.senderId === buyer.userId ? seller.userId : buyer.userId,
        },
      })),
    );
  });
  it('marks the conversation read for the buyer: unread count drops to zero and the reply gets readAt', async () => {
    const before = await h.gql<{ conversation: { unreadCount: number } }>(UNREAD, { id: conversationId }, buyer);
    expect(before.data?.conversation.unreadCount).toBe(1);
    const { data, errors } = await h.gql<{ markConversationRead: { unreadCount: number; lastMessage: { readAt: string | null } } }>(READ, { id: conversationId }, buyer);
    expect(errors).toBeUndefined();
    expect(data?.markConversationRead.unreadCount).toBe(0);
    expect(data?.markConversationRead.lastMessage.readAt).not.toBeNull();
    const after = await h.gql<{ conversation: { unreadCount: number } }>(UNREAD, { id: conversationId }, buyer);
    expect(after.data?.conversation.unreadCount).toBe(0);
  });

  it('lets only participants write: NOT_FOUND for others, FORBIDDEN for admins, UNAUTHENTICATED when anonymous', async () => {
    expect(errorOf(await h.gql(SEND, { id: existing.id, body: 'Let me in' }, buyer)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.gql(READ, { id: existing.id }, buyer)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.gql(SEND, { id: 'nope', body: 'Hi' }, buyer)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.gql(SEND, { id: existing.id, body: 'Moderation' }, admin)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.gql(READ, { id: existing.id }, admin)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.gql(SEND, { id: existing.id, body: 'Hi' })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await h.gql(SEND, { id: existing.id, body: '' }, stranger))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(errorOf(await h.gql(SEND, { id: existing.id, body: 'y'.repeat(2001) }, stranger))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
    const ok = await h.gql<{ sendMessage: { body: string } }>(SEND, { id: existing.id, body: 'y'.repeat(2000) }, stranger);
    expect(ok.data?.sendMessage.body).toHaveLength(2000);
  });
});
