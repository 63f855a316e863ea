import { resolveCursorConnection, type DefaultConnectionArguments } from '@pothos/plugin-relay';
import { assertPageSize, encodeCursor, planKeyset, type KeysetPage, type KeysetPlan } from '@threadly/database';
import { cacheHint, cacheTiers, crossSubgraphField, crossSubgraphItems, scopedViewer } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import { subscriptionTopics } from '../events/subscription-topics.ts';
import type { Conversation, Message } from '../generated/prisma/client.ts';
import type { InboxConversation } from '../services/conversation.service.ts';
import { participantsOf } from '../services/visibility.ts';
import { messageBody, MessageType } from './message.ts';
import { conversationParticipant } from './participant-scope.ts';
import { ProductRef } from './product.ts';
import { UserRef } from './user.ts';

export const ConversationType = builder.objectRef<Conversation>('Conversation');

/**
 * Messaging's lists run newest first with timestamp ties broken by ascending id — the order of the
 * (…, timestamp DESC, id) indexes, so every page is one index range scan.
 */
const plan = (page: KeysetPage) => planKeyset(page, 'asc');

ConversationType.implement({
  description: 'A private thread between a buyer and the seller of one product. Only the two of them (and admins) can read it.',
  directives: cacheHint(cacheTiers.uncached),
  // Every way to a conversation already filters by the same rule (NOT_FOUND or null for others); this holds the
  // line should a new field ever hand out conversations without filtering.
  authScopes: (conversation) => ({ self: participantsOf(conversation), admin: true }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Unique id (a uuid).' }),
    participants: t.field({
      type: [UserRef],
      ...crossSubgraphItems('The buyer and the seller, in that order.', 'identity'),
      resolve: (conversation) => [{ id: conversation.buyerId }, { id: conversation.sellerId }],
    }),
    buyer: t.field({ type: UserRef, ...crossSubgraphField('Who asked about the product.', 'identity'), resolve: (c) => ({ id: c.buyerId }) }),
    seller: t.field({ type: UserRef, ...crossSubgraphField('Who sells the product.', 'identity'), resolve: (c) => ({ id: c.sellerId }) }),
    product: t.field({
      type: ProductRef,
      ...crossSubgraphField('The listing the conversation is about.', 'catalog'),
      resolve: (c) => ({ id: c.productId }),
    }),
    lastMessage: t.field({
      type: MessageType,
      nullable: true,
      description: 'The newest message, for inbox previews.',
      resolve: (c, _args, ctx) => ctx.loaders.lastMessageByConversation.load(c.id),
    }),
    unreadCount: t.int({
      description: "Messages from the other participant that the viewer has not read yet; 0 for an admin who is not a participant.",
      resolve: (c, _args, ctx) => ctx.loaders.unreadCountByConversation.load(c.id),
    }),
    messages: t.connection(
      {
        type: MessageType,
        description: 'The messages, newest first.',
        resolve: (conversation, args, ctx) => {
          assertPageSize(args);
          return resolveCursorConnection<Promise<Message[]>>({ args, toCursor: (m) => encodeCursor({ at: m.createdAt, id: m.id }) }, (params) =>
            ctx.messages.listForConversation(conversation, plan(params)),
          );
        },
      },
      {
        name: 'MessageConnection',
        description: 'A page of messages, newest first.',
        edgesField: { description: 'The messages on this page with their cursors.' },
      },
      { name: 'MessageEdge', description: 'A message and its cursor.', nodeField: { description: 'The message.' } },
    ),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the last message was sent; inboxes are sorted by it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the buyer started the conversation.' }),
  }),
});

builder.asEntity(ConversationType, {
  key: builder.selection<{ id: string }>('id'),
  // Null, not an error, for someone else's conversation: the reference cannot reveal that it exists.
  resolveReference: ({ id }, ctx) => ctx.conversations.findReadable(id),
});

/** A connection over an inbox: most recent activity first, cursor on the inbox row's (updatedAt, id). */
export function resolveInbox(args: DefaultConnectionArguments, load: (page: KeysetPlan) => Promise<InboxConversation[]>) {
  assertPageSize(args);
  return resolveCursorConnection<Promise<InboxConversation[]>>({ args, toCursor: (c) => encodeCursor({ at: c.inboxUpdatedAt, id: c.id }) }, (params) =>
    load(plan(params)),
  );
}

builder.queryFields((t) => ({
  myConversations: t.withAuth({ signedIn: true }).connection(
    {
      type: ConversationType,
      description: "The signed-in user's conversations, most recent activity first.",
      resolve: (_root, args, ctx) => resolveInbox(args, (page) => ctx.conversations.listInbox(ctx.viewer.userId, page)),
    },
    {
      name: 'ConversationConnection',
      description: 'A page of conversations, most recent activity first.',
      edgesField: { description: 'The conversations on this page with their cursors.' },
    },
    { name: 'ConversationEdge', description: 'A conversation and its cursor.', nodeField: { description: 'The conversation.' } },
  ),
  conversation: t.authField({
    type: ConversationType,
    description: 'A conversation of the signed-in user (any conversation for admins); NOT_FOUND otherwise.',
    args: { id: t.arg.id({ required: true, description: 'The conversation id.' }) },
    authScopes: { signedIn: true },
    resolve: (_root, { id }, ctx) => ctx.conversations.getReadable(String(id)),
  }),
}));

builder.mutationFields((t) => ({
  startConversation: t.authField({
    type: ConversationType,
    description:
      "Asks the product's seller a question as the signed-in buyer. A buyer has one conversation per product: starting it again adds the message to it.",
    args: {
      productId: t.arg.id({ required: true, description: 'The product to ask about.' }),
      message: t.arg.string({ required: true, description: 'The first message, 1–2000 characters.', validate: messageBody }),
    },
    authScopes: { signedIn: true },
    resolve: (_root, { productId, message }, ctx) => ctx.conversations.start(ctx.viewer.userId, String(productId), message),
  }),
  markConversationRead: t.field({
    type: ConversationType,
    description: "Marks everything the other participant has sent so far as read by the signed-in participant.",
    args: { conversationId: t.arg.id({ required: true, description: 'The conversation to mark as read.' }) },
    authScopes: conversationParticipant,
    resolve: (_root, { conversationId }, ctx) => ctx.messages.markRead(String(conversationId), scopedViewer(ctx).userId),
  }),
}));

builder.subscriptionFields((t) => ({
  conversationUpdated: t.field({
    type: ConversationType,
    description:
      "The signed-in user's conversations as they change from now on: a new message in one (either participant's), or one read by either participant. Each event is the whole conversation as it is then, its unread count included.",
    directives: cacheHint(cacheTiers.uncached),
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe(subscriptionTopics.conversationUpdated(scopedViewer(ctx).userId)),
    resolve: (conversation) => conversation,
  }),
}));
