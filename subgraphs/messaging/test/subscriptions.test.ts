import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createMemoryEventTransport, createRedisStreamTransport, type EventTransport, type MemoryEventTransport } from '@threadly/events';
import { signViewer, verifyViewer } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { serverUnavailableReason, subscribeOverWebSocket, testEnv, type TestSubscription } from '@threadly/testing';
import { fakeDirectory, FixtureBuilder, SECRET, startHarness, type Actor, type Harness, type Replica } from './harness.ts';

const buyer: Actor = { userId: randomUUID(), role: 'BUYER' };
const seller: Actor = { userId: randomUUID(), role: 'SELLER' };
const outsider: Actor = { userId: randomUUID(), role: 'BUYER' };
const admin: Actor = { userId: randomUUID(), role: 'ADMIN' };
const jacket = randomUUID();

const fixture = new FixtureBuilder();
const chat = fixture.conversation({
  productId: jacket, buyerId: buyer.userId, sellerId: seller.userId, at: new Date('2026-01-01T00:00:00.000Z'),
  messages: [[buyer.userId, 'Is it still available?']],
  readBy: { [buyer.userId]: new Date('2026-01-01T00:00:00.000Z'), [seller.userId]: new Date('2026-01-01T00:00:00.000Z') },
});

const MESSAGE_ADDED = `subscription($id: ID!) { messageAdded(conversationId: $id) {
  id body createdAt sender { id } conversation { id product { id } unreadCount }
} }`;
const CONVERSATION_UPDATED = '{ conversationUpdated { id unreadCount lastMessage { body readAt } } }'.replace('{', 'subscription {');
const SEND = 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }';
const READ = 'mutation($id: ID!) { markConversationRead(conversationId: $id) { id } }';

interface MessageAdded {
  messageAdded: { id: string; body: string; createdAt: string; sender: { id: string }; conversation: { id: string; product: { id: string }; unreadCount: number } };
}
interface ConversationUpdated {
  conversationUpdated: { id: string; unreadCount: number; lastMessage: { body: string; readAt: string | null } };
}

const asViewer = (actor: Actor) => ({ viewer: signViewer(actor, SECRET) });

describe('messaging subscriptions', () => {
  let h: Harness;
  let events: MemoryEventTransport;
  const open: TestSubscription<never>[] = [];
  const subscribe = <Data>(query: string, variables: Record<string, unknown>, params: Record<string, unknown>) => {
    const subscription = subscribeOverWebSocket<Data>(h.server.url, { query, variables }, params);
    open.push(subscription as TestSubscription<never>);
    return subscription;
  };
  /** graphql-ws does not acknowledge a subscription: wait until the subgraph listens before causing events. */
  const listening = (count: number) => expect.poll(() => h.server.subscriptions?.activeSubscriptions(), { timeout: 30_000 }).toBe(count);
  const send = async (actor: Actor, body: string) => {
    const result = await h.gql<{ sendMessage: { id: string } }>(SEND, { id: chat.id, body }, actor);
    expect(result.errors).toBeUndefined();
    return result.data!.sendMessage.id;
  };

  beforeAll(async () => {
    events = createMemoryEventTransport();
    h = await startHarness(fixture.data, fakeDirectory(new Map()), { events });
  }, 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.close()));
    await listening(0);
  });
  afterAll(async () => {
    await h?.close();
    await events?.close();
  });

  it("delivers a participant each message sent in the conversation, complete with the conversation's fields", async () => {
    const subscription = subscribe<MessageAdded>(MESSAGE_ADDED, { id: chat.id }, asViewer(seller));
    await listening(1);
    const messageId = await send(buyer, '  Can you ship today?  ');
    const { data, errors } = await subscription.next();
    expect(errors).toBeUndefined();
    expect(data?.messageAdded).toMatchObject({
      id: messageId,
      body: 'Can you ship today?',
      sender: { id: buyer.userId },
      conversation: { id: chat.id, product: { id: jacket }, unreadCount: 1 },
    });
    expect(Date.parse(data!.messageAdded.createdAt)).not.toBeNaN();
  });

  it('resolves each event with fresh data: the unread count moves from one event to the next', async () => {
    const subscription = subscribe<MessageAdded>(MESSAGE_ADDED, { id: chat.id }, asViewer(buyer));
    await listening(1);
    await h.gql(READ, { id: chat.id }, buyer);
    await send(seller, 'Yes, this afternoon.');
    expect((await subscription.next()).data?.messageAdded.conversation.unreadCount).toBe(1);
    await send(seller, 'Tracking number follows.');
    expect((await subscription.next()).data?.messageAdded.conversation.unreadCount).toBe(2);
  });

  it("tells both participants' conversationUpdated about a new message and about reading", async () => {
    const buyerSide = subscribe<ConversationUpdated>(CONVERSATION_UPDATED, {}, asViewer(buyer));
    const sellerSide = subscribe<ConversationUpdated>(CONVERSATION_UPDATED, {}, asViewer(seller));
    await listening(2);
    // An event resolves the conversation as it is when delivered, so each step waits for its events.
    await send(buyer, 'Great, thanks!');
    expect((await sellerSide.next()).data?.conversationUpdated).toMatchObject({ id: chat.id, unreadCount: 1, lastMessage: { body: 'Great, thanks!', readAt: null } });
    expect((await buyerSide.next()).data?.conversationUpdated).toMatchObject({ id: chat.id, unreadCount: 0, lastMessage: { readAt: null } });
    await h.gql(READ, { id: chat.id }, seller);
    expect((await sellerSide.next()).data?.conversationUpdated).toMatchObject({ id: chat.id, unreadCount: 0 });
    // The buyer sees their message marked as seen.
    const seen = (await buyerSide.next()).data?.conversationUpdated.lastMessage;
    expect(seen).toMatchObject({ body: 'Great, thanks!' });
    expect(seen?.readAt).not.toBeNull();
  });

  it('refuses a conversation the viewer may not follow with an error, never a silent stream', async () => {
    const asOutsider = subscribe<MessageAdded>(MESSAGE_ADDED, { id: chat.id }, asViewer(outsider));
    expect((await asOutsider.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await asOutsider.completed;
    const asAdmin = subscribe<MessageAdded>(MESSAGE_ADDED, { id: chat.id }, asViewer(admin));
    expect((await asAdmin.next()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = subscribe<MessageAdded>(MESSAGE_ADDED, { id: randomUUID() }, asViewer(buyer));
    expect((await unknown.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('closes a connection without a valid signed viewer with 4403', async () => {
    const refusals = [
      {},
      { viewer: 'v1.forged.signature' },
      { viewer: signViewer(buyer, 'another-secret-that-is-at-least-32-chars') },
      { viewer: signViewer(buyer, SECRET, 60, Date.now() - 120_000) },
    ];
    for (const params of refusals) {
      const subscription = subscribe<MessageAdded>(MESSAGE_ADDED, { id: chat.id }, params);
      await expect(subscription.next()).rejects.toMatchObject({ code: 4403 });
      expect((await subscription.closed).reason).toMatch(/^Forbidden: /);
    }
  });

  it('keeps a connection whose signature expires after it opened (the gateway ends it with the session)', async () => {
    // Expiry is in whole seconds, so a 1 s signature may have only milliseconds left: 3 s leaves the connection at
    // least 2 s to open on a loaded machine (CI once saw a 1 s one expire before connection_init was handled).
    const signed = signViewer(seller, SECRET, 3);
    const subscription = subscribe<MessageAdded>(MESSAGE_ADDED, { id: chat.id }, { viewer: signed });
    await listening(1);
    await expect.poll(() => verifyViewer(signed, SECRET).status, { timeout: 10_000, interval: 100 }).toBe('invalid');
    const messageId = await send(buyer, 'Still there?');
    expect((await subscription.next()).data?.messageAdded.id).toBe(messageId);
  });

  it('publishes nothing for a send whose transaction rolls back, even at the commit itself', async () => {
    // Fails the COMMIT (a deferred constraint trigger), after the message and its outbox row were written.
    await h.pool.query(`
      CREATE OR REPLACE FUNCTION messaging.refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.body = 'refused at commit' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
      CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON messaging."Message"
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION messaging.refuse_at_commit();`);
    try {
      const subscription = subscribe<MessageAdded>(MESSAGE_ADDED, { id: chat.id }, asViewer(seller));
      await listening(1);
      const refused = await h.gql(SEND, { id: chat.id, body: 'refused at commit' }, buyer);
      expect(refused.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const { rows } = await h.pool.query(`SELECT count(*)::int AS n FROM messaging."Message" WHERE body = 'refused at commit'`);
      expect(rows[0].n).toBe(0);
      const messageId = await send(buyer, 'This one commits.');
      // Events are published in commit order: had the refused send published, it would come first.
      expect((await subscription.next()).data?.messageAdded).toMatchObject({ id: messageId, body: 'This one commits.' });
    } finally {
      await h.pool.query('DROP TRIGGER refuse_at_commit ON messaging."Message"; DROP FUNCTION messaging.refuse_at_commit();');
    }
  });

  it('completes its subscriptions and closes their sockets when it shuts down', async () => {
    const replica = await h.startReplica();
    const subscription = subscribeOverWebSocket<MessageAdded>(replica.server.url, { query: MESSAGE_ADDED, variables: { id: chat.id } }, asViewer(buyer));
    await expect.poll(() => replica.server.subscriptions?.activeSubscriptions(), { timeout: 30_000 }).toBe(1);
    await replica.close();
    await subscription.completed;
    expect((await subscription.closed).code).toBe(1001);
  });
});

const redisSkip = serverUnavailableReason('redis');

describe.skipIf(redisSkip !== null)(`messaging subscriptions across two replicas${redisSkip ? ` — skipped: ${redisSkip}` : ''}`, () => {
  // Both replicas share the database, the event stream and the pub/sub channels, as in production (all of this
  // file's own, so parallel test files never meet them).
  const namespace = `threadly:test:${process.pid}:${randomUUID().slice(0, 8)}`;
  const realtime = { redisUrl: testEnv().REDIS_URL, channelPrefix: `${namespace}:realtime:` };
  const transport = () => createRedisStreamTransport({ url: testEnv().REDIS_URL!, stream: `${namespace}:events`, logger: createLogger('test', 'silent'), blockMs: 200 });
  const transports: EventTransport[] = [];
  let h: Harness;
  let other: Replica;

  beforeAll(async () => {
    transports.push(transport(), transport());
    h = await startHarness(fixture.data, fakeDirectory(new Map()), { events: transports[0], realtime });
    other = await h.startReplica({ events: transports[1], realtime });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await Promise.all(transports.map((each) => each.close()));
    const inspector = new Redis(testEnv().REDIS_URL!);
    await inspector.del(`${namespace}:events`, `{${namespace}:events}:dead`);
    inspector.disconnect();
  });

  it('delivers a message sent through one replica exactly once to subscribers on both', async () => {
    const onOther = subscribeOverWebSocket<MessageAdded>(other.server.url, { query: MESSAGE_ADDED, variables: { id: chat.id } }, asViewer(seller));
    const onFirst = subscribeOverWebSocket<MessageAdded>(h.server.url, { query: MESSAGE_ADDED, variables: { id: chat.id } }, asViewer(buyer));
    try {
      await expect
        .poll(() => [h.server.subscriptions?.activeSubscriptions(), other.server.subscriptions?.activeSubscriptions()], { timeout: 30_000 })
        .toEqual([1, 1]);
      const sent: Array<string | undefined> = [];
      for (const body of ['First, through one replica.', 'Second.', 'Third.']) {
        const result = await h.gql<{ sendMessage: { id: string } }>(SEND, { id: chat.id, body }, buyer);
        sent.push(result.data?.sendMessage.id);
      }
      // The two replicas share the publishing consumer group, so each publishes some of the events, and their
      // publications may interleave: every subscriber gets each message once, in an order the group does not fix
      // (clients order a conversation by `createdAt`).
      const receiveAll = async (subscription: typeof onOther) => {
        const received = [];
        for (let index = 0; index < sent.length; index += 1) received.push((await subscription.next()).data?.messageAdded.id);
        return received;
      };
      for (const subscription of [onOther, onFirst]) expect((await receiveAll(subscription)).sort()).toEqual([...sent].sort());
      // Once all three have arrived, a fourth is the next thing each subscriber sees: none of the three came again.
      const last = await h.gql<{ sendMessage: { id: string } }>(SEND, { id: chat.id, body: 'Fourth: nothing came twice.' }, buyer);
      for (const subscription of [onOther, onFirst]) expect((await subscription.next()).data?.messageAdded.id).toBe(last.data?.sendMessage.id);
    } finally {
      await Promise.all([onOther.close(), onFirst.close()]);
    }
  });
});
