import type { EventConsumer } from '@threadly/events';
import type { RealtimePubSub } from '@threadly/pubsub';
import { defineSubscriptionPublisher } from '@threadly/subgraph-runtime';
import type { MessagingPrisma } from '../database.ts';
import type { Conversation } from '../generated/prisma/client.ts';
import { subscriptionTopics } from './subscription-topics.ts';

/**
 * Messaging's committed events as subscription events (`messaging-subscriptions`, one group across replicas).
 * They come from the outbox, which only holds committed changes: a rolled-back send publishes nothing.
 */
export function createSubscriptionPublisher(prisma: MessagingPrisma, pubsub: RealtimePubSub): EventConsumer {
  // Both participants' inboxes show the conversation: a new message and a read change it for both.
  const publishConversation = (eventId: string, conversation: Conversation) =>
    Promise.all(
      [conversation.buyerId, conversation.sellerId].map((userId) => pubsub.publish(subscriptionTopics.conversationUpdated(userId), eventId, conversation)),
    );
  return defineSubscriptionPublisher('messaging', {
    'message.sent': async (event) => {
      const [message, conversation] = await Promise.all([
        prisma.message.findUnique({ where: { id: event.payload.messageId } }),
        prisma.conversation.findUnique({ where: { id: event.payload.conversationId } }),
      ]);
      if (!message || !conversation) return;
      await pubsub.publish(subscriptionTopics.messageAdded(conversation.id), event.id, message);
      await publishConversation(event.id, conversation);
    },
    'conversation.read': async (event) => {
      const conversation = await prisma.conversation.findUnique({ where: { id: event.payload.conversationId } });
      if (conversation) await publishConversation(event.id, conversation);
    },
  });
}
