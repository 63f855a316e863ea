import { createByIdLoader, createPageLoader, keysetWindowQuery, type PagedRow } from '@threadly/database';
import { MESSAGING_DB_SCHEMA, type MessagingPrisma } from '../database.ts';

export const createConversationByIdLoader = (prisma: MessagingPrisma) =>
  createByIdLoader((ids) => prisma.conversation.findMany({ where: { id: { in: ids } } }));

/**
 * A page of each user's inbox, most recent activity first, from their participant rows: the row's id is the
 * conversation's, its `at` the inbox position. One statement per page asked, however many users.
 */
export const createInboxByUserLoader = (prisma: MessagingPrisma) =>
  createPageLoader<null>((userIds, plan) =>
    prisma.$queryRawUnsafe<PagedRow[]>(
      ...keysetWindowQuery(
        { table: `"${MESSAGING_DB_SCHEMA}"."ConversationParticipant"`, parent: 'userId', at: 'updatedAt', id: 'conversationId' },
        userIds,
        plan,
      ),
    ),
  );
