import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, fakeDirectory, FixtureBuilder, startHarness, type Actor, type Harness } from './harness.ts';

const seller: Actor = { userId: randomUUID(), role: 'SELLER' };
const busyBuyer: Actor = { userId: randomUUID(), role: 'BUYER' };
const INBOX_SIZE = 61;

const fixture = new FixtureBuilder();
const base = Date.parse('2026-02-01T00:00:00.000Z');
for (let index = 0; index < INBOX_SIZE; index += 1) {
  const buyerId = index === 0 ? busyBuyer.userId : randomUUID();
  // Every third conversation shares its time with the previous one, so ties must be broken by id.
  const at = new Date(base + (index - (index % 3 === 2 ? 1 : 0)) * 3_600_000);
  fixture.conversation({
    productId: randomUUID(), buyerId, sellerId: seller.userId, at,
    messages: [[buyerId, `Question ${index}`], [seller.userId, `Answer ${index}`]],
    readBy: { [seller.userId]: at },
  });
}
// A long chat whose messages come in bursts of equal timestamps.
const longChat = fixture.conversation({
  productId: randomUUID(), buyerId: busyBuyer.userId, sellerId: randomUUID(), at: new Date(base - 86_400_000),
  messages: Array.from({ length: 25 }, (_, index) => [busyBuyer.userId, `Message ${index}`] as [string, string]),
});
for (const [index, message] of longChat.messages.entries()) message.createdAt = new Date(message.createdAt.getTime() - (index % 4) * 60_000);

interface Page {
  edges: Array<{ cursor: string; node: { id: string; updatedAt?: string; createdAt?: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface MessagePage {
  edges: Array<{ cursor: string; node: { id: string; body: string; createdAt: string } }>;
  pageInfo: Page['pageInfo'];
}

describe('pagination and batching', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fixture.data, fakeDirectory(new Map()));
  }, 120_000);
  afterAll(() => h?.close());

  const inboxPage = async (args: string) => {
    const { data, errors } = await h.gql<{ myConversations: Page }>(
      `{ myConversations${args ? `(${args})` : ''} { edges { cursor node { id updatedAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, {}, seller);
    expect(errors).toBeUndefined();
    return data!.myConversations;
  };

  it('walks the whole inbox forwards with no duplicates or gaps, newest activity first', async () => {
    const seen: Array<{ id: string; updatedAt?: string }> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const page: Page = await inboxPage(`first: 7${after ? `, after: "${after}"` : ''}`);
      seen.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(INBOX_SIZE);
    expect(new Set(seen.map((node) => node.id)).size).toBe(INBOX_SIZE);
    const times = seen.map((node) => Date.parse(node.updatedAt ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const all = await inboxPage('first: 100');
    expect(all.edges.map((edge) => edge.node.id)).toEqual(seen.map((node) => node.id));
  });

  it('pages backwards with last/before to the same items', async () => {
    const first = await inboxPage('first: 5');
    const second = await inboxPage(`first: 5, after: "${first.pageInfo.endCursor}"`);
    const back = await inboxPage(`last: 5, before: "${second.pageInfo.startCursor}"`);
    expect(back.edges.map((edge) => edge.node.id)).toEqual(first.edges.map((edge) => edge.node.id));
  });

  it('serves pages of up to 100, defaults to 20 and refuses bigger or negative sizes on the argument', async () => {
    expect((await inboxPage('first: 100')).edges).toHaveLength(INBOX_SIZE);
    expect((await inboxPage('')).edges).toHaveLength(20);
    const refused = async (query: string, actor: Actor) => errorOf(await h.gql(query, {}, actor));
    expect(await refused('{ myConversations(first: 101) { edges { cursor } } }', seller)).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await refused('{ myConversations(last: -1) { edges { cursor } } }', seller)).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(await refused(`{ user: _entities(representations: [{ __typename: "User", id: "${seller.userId}" }]) {
      ... on User { conversations(last: 101) { edges { cursor } } } } }`, seller)).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(await refused(`{ conversation(id: "${longChat.id}") { messages(first: 101) { edges { cursor } } } }`, busyBuyer))
      .toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('pages through messages newest first with ties on createdAt', async () => {
    const bodies: string[] = [];
    const times: number[] = [];
    let after = '';
    for (let guard = 0; guard < 20; guard += 1) {
      const { data } = await h.gql<{ conversation: { messages: MessagePage } }>(
        `query($id: ID!, $after: String) { conversation(id: $id) { messages(first: 4, after: $after) {
          edges { cursor node { id body createdAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
        { id: longChat.id, after: after || null }, busyBuyer);
      const page = data!.conversation.messages;
      bodies.push(...page.edges.map((edge) => edge.node.body));
      times.push(...page.edges.map((edge) => Date.parse(edge.node.createdAt)));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? '';
    }
    expect(new Set(bodies).size).toBe(25);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('runs the same number of SQL statements for an inbox of 5 and of 50', async () => {
    const query = `query($first: Int) { myConversations(first: $first) { edges { node {
      product { id } participants { id } buyer { id } seller { id } lastMessage { body sender { id } } unreadCount
    } } } }`;
    const count = async (first: number) => {
      h.counter.reset();
      const { data, errors } = await h.gql<{ myConversations: { edges: unknown[] } }>(query, { first }, seller);
      expect(errors).toBeUndefined();
      expect(data?.myConversations.edges).toHaveLength(first);
      return [...h.counter.statements];
    };
    const five = await count(5);
    const fifty = await count(50);
    console.log(`myConversations SQL statements: first 5 → ${five.length}, first 50 → ${fifty.length}`);
    expect(fifty.length).toBe(five.length);
    expect(five.length).toBeLessThanOrEqual(4);
  });
});
