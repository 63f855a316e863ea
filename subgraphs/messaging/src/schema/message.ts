import { cacheHint, cacheTiers, crossSubgraphField, scopedViewer } from '@threadly/subgraph-runtime';
import { userText } from '@threadly/user-text';
import { builder } from '../builder.ts';
import { subscriptionTopics } from '../events/subscription-topics.ts';
import type { Message } from '../generated/prisma/client.ts';
import { ConversationType } from './conversation.ts';
import { conversationParticipant } from './participant-scope.ts';
import { UserRef } from './user.ts';

/** A message body as stored: plain text (markup removed), trimmed, never blank, at most 2000 characters. */
export const messageBody = userText({ max: 2000, multiline: true });

export const MessageType = builder.objectRef<Message>('Message');

MessageType.implement({
  description: 'One message in a conversation.',
  directives: cacheHint(cacheTiers.uncached),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Unique id (a uuid).' }),
    sender: t.field({ type: UserRef, ...crossSubgraphField('Who wrote it: the buyer or the seller.', 'identity'), resolve: (m) => ({ id: m.senderId }) }),
    body: t.exposeString('body', { description: 'The text, trimmed; 1–2000 characters.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was sent.' }),
    readAt: t.expose('readAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the other participant read it; null while unread.',
    }),
    conversation: t.field({
      type: ConversationType,
      description: 'The conversation it belongs to.',
      resolve: async (m, _args, ctx) => {
        const conversation = await ctx.loaders.conversationById.load(m.conversationId);
        // Messages are only reachable through a conversation the viewer may read, so it exists.
        if (!conversation) throw new Error(`Conversation ${m.conversationId} of message ${m.id} is missing.`);
        return conversation;
      },
    }),
  }),
});

builder.mutationFields((t) => ({
  sendMessage: t.field({
    type: MessageType,
    description: 'Sends a message in one of the signed-in user’s conversations.',
    args: {
      conversationId: t.arg.id({ required: true, description: 'The conversation to write in.' }),
      body: t.arg.string({ required: true, description: 'The text, 1–2000 characters once trimmed.', validate: messageBody }),
    },
    authScopes: conversationParticipant,
    resolve: (_root, { conversationId, body }, ctx) => ctx.messages.send(String(conversationId), scopedViewer(ctx).userId, body),
  }),
}));

builder.subscriptionFields((t) => ({
  messageAdded: t.field({
    type: MessageType,
    description:
      'Each message sent in a conversation from now on, once it is stored. Only its two participants may subscribe: NOT_FOUND for a conversation the viewer cannot see, FORBIDDEN for an admin (moderators read, they do not listen in).',
    args: { conversationId: t.arg.id({ required: true, description: 'The conversation to follow.' }) },
    directives: cacheHint(cacheTiers.uncached),
    authScopes: conversationParticipant,
    subscribe: (_root, { conversationId }, ctx) => ctx.pubsub.subscribe(subscriptionTopics.messageAdded(String(conversationId))),
    resolve: (message) => message,
  }),
}));
