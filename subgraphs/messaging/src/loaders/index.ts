import type { MessagingPrisma } from '../database.ts';
import { createConversationByIdLoader, createInboxByUserLoader } from './conversation.loader.ts';
import { createLastMessageLoader, createMessageByIdLoader, createMessagesByConversationLoader, createUnreadCountLoader } from './message.loader.ts';

/**
 * Created per request, so a cached row never outlives the request that loaded it. Unread counts are the
 * viewer's own, hence the viewer id.
 */
export const createMessagingLoaders = (prisma: MessagingPrisma, viewerId: string | null) => ({
  conversationById: createConversationByIdLoader(prisma),
  inboxByUser: createInboxByUserLoader(prisma),
  messageById: createMessageByIdLoader(prisma),
  messagesByConversation: createMessagesByConversationLoader(prisma),
  lastMessageByConversation: createLastMessageLoader(prisma),
  unreadCountByConversation: createUnreadCountLoader(prisma, viewerId),
});

export type MessagingLoaders = ReturnType<typeof createMessagingLoaders>;
