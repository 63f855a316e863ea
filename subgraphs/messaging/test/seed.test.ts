import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateDemoData } from '@threadly/demo-data';
import { fakeDirectory, startHarness, type Harness } from './harness.ts';

const demo = generateDemoData();

describe('demo data', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(demo, fakeDirectory(new Map()));
  }, 120_000);
  afterAll(() => h?.close());

  it('loads every conversation, participant and message, and a second run changes nothing', async () => {
    expect(await h.definition.hasData()).toBe(true);
    const { rows } = await h.pool.query(`SELECT
      (SELECT count(*)::int FROM messaging."Conversation") AS conversations,
      (SELECT count(*)::int FROM messaging."ConversationParticipant") AS participants,
      (SELECT count(*)::int FROM messaging."Message") AS messages`);
    expect(rows[0]).toEqual({
      conversations: demo.conversations.length,
      participants: demo.conversationParticipants.length,
      messages: demo.messages.length,
    });
    expect(await h.definition.seedDemoData(demo)).toEqual({ rows: 0 });
  });

  it('opens the demo buyer on an inbox with an unread badge', async () => {
    const { data, errors } = await h.gql<{ myConversations: { edges: Array<{ node: { unreadCount: number; lastMessage: { body: string } | null } }> } }>(
      '{ myConversations(first: 50) { edges { node { unreadCount lastMessage { body } } } } }', {}, { userId: DEMO_ACCOUNTS.buyer.id, role: 'BUYER' });
    expect(errors).toBeUndefined();
    const inbox = data?.myConversations.edges ?? [];
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.every((edge) => edge.node.lastMessage !== null)).toBe(true);
    expect(inbox.some((edge) => edge.node.unreadCount > 0)).toBe(true);
  });
});
