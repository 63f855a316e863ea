import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messageSent, userDeleted } from '@threadly/event-contracts';
import { defineSubscriptionPublisher, MAX_SUBSCRIPTION_EVENT_AGE_MS } from './subscription-publisher.ts';

const id = randomUUID();
const sent = (at: Date) =>
  messageSent.create(id, { messageId: id, conversationId: id, productId: id, senderId: id, recipientId: id }, at);

describe('subscription publisher', () => {
  const now = new Date('2026-11-21T12:00:00.000Z');
  const published: string[] = [];
  const publisher = defineSubscriptionPublisher('messaging', { 'message.sent': async (event) => void published.push(event.id) }, () => now.getTime());

  it('is a consumer group of its own, named after the subgraph', () => {
    expect(publisher.name).toBe('messaging-subscriptions');
  });

  it('publishes a recent event, and leaves events without a handler and stale ones alone', async () => {
    const fresh = sent(new Date(now.getTime() - 1_000));
    const stale = sent(new Date(now.getTime() - MAX_SUBSCRIPTION_EVENT_AGE_MS - 1));
    expect(await publisher.handle(fresh)).toBe('handled');
    expect(await publisher.handle(stale)).toBe('ignored');
    expect(await publisher.handle(userDeleted.create(id, { userId: id }, now))).toBe('ignored');
    expect(published).toEqual([fresh.id]);
  });
});
