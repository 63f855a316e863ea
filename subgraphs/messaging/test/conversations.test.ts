import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, fakeDirectory, FixtureBuilder, startHarness, type Actor, type Harness } from './harness.ts';

const buyer: Actor = { userId: randomUUID(), role: 'BUYER' };
const seller: Actor = { userId: randomUUID(), role: 'SELLER' };
const stranger: Actor = { userId: randomUUID(), role: 'BUYER' };
const admin: Actor = { userId: randomUUID(), role: 'ADMIN' };
const productId = randomUUID();
const otherProductId = randomUUID();

const fixture = new FixtureBuilder();
const t0 = new Date('2026-01-10T10:00:00.000Z');
// The buyer read up to the first message: the seller's two answers are unread for them.
const chat = fixture.conversation({
  productId, buyerId: buyer.userId, sellerId: seller.userId, at: t0,
  messages: [[buyer.userId, 'Is it still available?'], [seller.userId, 'Yes!'], [seller.userId, 'Want it?']],
  readBy: { [buyer.userId]: t0, [seller.userId]: t0 },
});
const older = fixture.conversation({
  productId: otherProductId, buyerId: stranger.userId, sellerId: seller.userId, at: new Date('2026-01-01T10:00:00.000Z'),
  messages: [[stranger.userId, 'Hello']],
});

const CONVERSATION = `query($id: ID!) { conversation(id: $id) {
  id participants { id } buyer { id } seller { id } product { id } unreadCount createdAt updatedAt
  lastMessage { body sender { id } readAt conversation { id } }
  messages(first: 10) { edges { node { body } } pageInfo { hasNextPage } }
} }`;

describe('messaging reads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fixture.data, fakeDirectory(new Map()));
  }, 120_000);
  afterAll(() => h?.close());

  it('shows a participant the conversation with participants, product, last message and their unread count', async () => {
    const { data, errors } = await h.gql<{ conversation: Record<string, unknown> }>(CONVERSATION, { id: chat.id }, buyer);
    expect(errors).toBeUndefined();
    expect(data?.conversation).toMatchObject({
      id: chat.id,
      participants: [{ id: buyer.userId }, { id: seller.userId }],
      buyer: { id: buyer.userId },
      seller: { id: seller.userId },
      product: { id: productId },
      unreadCount: 2,
      updatedAt: '2026-01-10T10:02:00.000Z',
      lastMessage: { body: 'Want it?', sender: { id: seller.userId }, readAt: null, conversation: { id: chat.id } },
      messages: { edges: [{ node: { body: 'Want it?' } }, { node: { body: 'Yes!' } }, { node: { body: 'Is it still available?' } }], pageInfo: { hasNextPage: false } },
    });
    const asSeller = await h.gql<{ conversation: { unreadCount: number } }>(CONVERSATION, { id: chat.id }, seller);
    expect(asSeller.data?.conversation.unreadCount).toBe(0);
  });

  it('hides a conversation from non-participants behind NOT_FOUND, and lets admins read it', async () => {
    expect(errorOf(await h.gql(CONVERSATION, { id: chat.id }, stranger)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.gql(CONVERSATION, { id: 'not-a-uuid' }, buyer)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.gql(CONVERSATION, { id: randomUUID() }, buyer)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.gql(CONVERSATION, { id: chat.id })).code).toBe('UNAUTHENTICATED');
    const asAdmin = await h.gql<{ conversation: { id: string; unreadCount: number } }>(CONVERSATION, { id: chat.id }, admin);
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data?.conversation).toMatchObject({ id: chat.id, unreadCount: 0 });
  });

  it('lists my conversations by most recent activity and requires sign-in', async () => {
    const query = '{ myConversations(first: 10) { edges { node { id unreadCount } } pageInfo { hasNextPage } } }';
    const asSeller = await h.gql<{ myConversations: { edges: Array<{ node: { id: string } }> } }>(query, {}, seller);
    expect(asSeller.data?.myConversations.edges.map((edge) => edge.node.id)).toEqual([chat.id, older.id]);
    const asBuyer = await h.gql<{ myConversations: { edges: Array<{ node: { id: string; unreadCount: number } }> } }>(query, {}, buyer);
    expect(asBuyer.data?.myConversations.edges.map((edge) => edge.node)).toEqual([{ id: chat.id, unreadCount: 2 }]);
    expect(errorOf(await h.gql(query)).code).toBe('UNAUTHENTICATED');
  });

  it('rejects a cursor it did not make with BAD_USER_INPUT on the argument', async () => {
    const result = await h.gql('{ myConversations(first: 2, after: "bogus") { edges { cursor } } }', {}, seller);
    expect(errorOf(result)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  describe('federation', () => {
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Conversation { id unreadCount }
      ... on User { id conversations(first: 5) { edges { node { id } } } }
    } }`;

    it('resolves Conversation references for participants and admins only, null for others and unknown ids', async () => {
      const representations = [
        { __typename: 'Conversation', id: chat.id },
        { __typename: 'Conversation', id: older.id },
        { __typename: 'Conversation', id: randomUUID() },
        { __typename: 'Conversation', id: 'nope' },
      ];
      const asBuyer = await h.gql<{ _entities: unknown[] }>(ENTITIES, { r: representations }, buyer);
      expect(asBuyer.errors).toBeUndefined();
      expect(asBuyer.data?._entities).toEqual([{ id: chat.id, unreadCount: 2 }, null, null, null]);
      const asAdmin = await h.gql<{ _entities: unknown[] }>(ENTITIES, { r: representations.slice(0, 2) }, admin);
      expect(asAdmin.data?._entities).toEqual([{ id: chat.id, unreadCount: 0 }, { id: older.id, unreadCount: 0 }]);
    });

    it("adds User.conversations, visible to the user themself and admins, FORBIDDEN to others", async () => {
      const r = [{ __typename: 'User', id: seller.userId }];
      const own = await h.gql<{ _entities: Array<{ conversations: { edges: Array<{ node: { id: string } }> } }> }>(ENTITIES, { r }, seller);
      expect(own.data?._entities[0]?.conversations.edges.map((edge) => edge.node.id)).toEqual([chat.id, older.id]);
      const byAdmin = await h.gql<{ _entities: Array<{ conversations: { edges: unknown[] } }> }>(ENTITIES, { r }, admin);
      expect(byAdmin.data?._entities[0]?.conversations.edges).toHaveLength(2);
      const byOther = await h.gql<{ _entities: Array<{ id: string; conversations: unknown }> }>(ENTITIES, { r }, buyer);
      expect(errorOf(byOther).code).toBe('FORBIDDEN');
      // Only the field is withheld; the rest of the user still resolves.
      expect(byOther.data?._entities[0]).toEqual({ id: seller.userId, conversations: null });
    });

    it('publishes its SDL with the Conversation entity and the User extension', async () => {
      const { data } = await h.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
      expect(data?._service.sdl).toContain('type Conversation');
      expect(data?._service.sdl).toMatch(/type Product\s+@key\(fields: "id", resolvable: false\)/);
      expect(data?._service.sdl).toContain('conversations(');
    });
  });
});
