import { defineTopic } from '@threadly/pubsub';
import type { Conversation, Message } from '../generated/prisma/client.ts';

/**
 * What messaging's subscriptions listen to. Each payload is the entity's row as committed, so a subscription
 * event resolves like a query for the same entity (and carries the @key the gateway needs for other subgraphs'
 * fields) without one database read per subscriber.
 */
export const subscriptionTopics = {
  /** `message.added:<conversationId>`: a message sent in the conversation. */
  messageAdded: defineTopic<Message>('message.added'),
  /** `conversation.updated:<userId>`: one of the user's conversations changed (a new message, read state). */
  conversationUpdated: defineTopic<Conversation>('conversation.updated'),
};
