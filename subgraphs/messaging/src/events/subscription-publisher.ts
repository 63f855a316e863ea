import type { DomainEvent } from '@threadly/event-contracts';
import type { EventConsumer } from '@threadly/events';
import type { RealtimePubSub } from '@threadly/pubsub';
import type { MessagingPrisma } from '../database.ts';
import type { Conversation } from '../generated/prisma/client.ts';
import { subscriptionTopics } from './subscription-topics.ts';

/** Older events are history, not news: a new publisher group (which reads the stream from its start) skips them. */
export const MAX_EVENT_AGE_MS = 5 * 60_000;

/**
 * Turns messaging's committed domain events into subscription events. It runs as its own consumer group
 * (`messaging-subscriptions`), so across any number of replicas each event is handled by one of them, which
 * publishes it to Redis pub/sub, from where every replica's subscribers receive it. Events come from the outbox,
 * which only holds committed changes: a rolled-back send publishes nothing. A redelivered event is published
 * again and dropped by the subscribers, who remember recent event ids.
 */
export function createSubscriptionPublisher(prisma: MessagingPrisma, pubsub: RealtimePubSub, now = () => Date.now()): EventConsumer {
  return {
    name: 'messaging-subscriptions',
    async handle(event: DomainEvent) {
      if (now() - Date.parse(event.occurredAt) > MAX_EVENT_AGE_MS) return 'ignored';
      switch (event.type) {
        case 'message.sent': {
          const [message, conversation] = await Promise.all([
            prisma.message.findUnique({ where: { id: event.payload.messageId } }),
            prisma.conversation.findUnique({ where: { id: event.payload.conversationId } }),
          ]);
          if (!message || !conversation) return 'ignored';
          await pubsub.publish(subscriptionTopics.messageAdded(conversation.id), event.id, message);
          await publishConversation(pubsub, event.id, conversation, [conversation.buyerId, conversation.sellerId]);
          return 'handled';
        }
        case 'conversation.read': {
          const conversation = await prisma.conversation.findUnique({ where: { id: event.payload.conversationId } });
          if (!conversation) return 'ignored';
          // The reader's unread count dropped; the other participant's messages were marked seen.
          await publishConversation(pubsub, event.id, conversation, [conversation.buyerId, conversation.sellerId]);
          return 'handled';
        }
        default:
          return 'ignored';
      }
    },
  };
}

const publishConversation = (pubsub: RealtimePubSub, eventId: string, conversation: Conversation, userIds: string[]) =>
  Promise.all(userIds.map((userId) => pubsub.publish(subscriptionTopics.conversationUpdated(userId), eventId, conversation)));
