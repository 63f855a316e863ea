import type { MessagingPrisma } from '../database.ts';
import { createConversationByIdLoader } from './conversation.loader.ts';
import { createLastMessageLoader, createUnreadCountLoader } from './message.loader.ts';

/**
 * Created per request, so a cached row never outlives the request that loaded it. Unread counts are the
 * viewer's own, hence the viewer id.
 */
export const createMessagingLoaders = (prisma: MessagingPrisma, viewerId: string | null) => ({
  conversationById: createConversationByIdLoader(prisma),
  lastMessageByConversation: createLastMessageLoader(prisma),
  unreadCountByConversation: createUnreadCountLoader(prisma, viewerId),
});

export type MessagingLoaders = ReturnType<typeof createMessagingLoaders>;
