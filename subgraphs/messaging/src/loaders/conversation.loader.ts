import { createByIdLoader } from '@threadly/database';
import type { MessagingPrisma } from '../database.ts';

export const createConversationByIdLoader = (prisma: MessagingPrisma) =>
  createByIdLoader((ids) => prisma.conversation.findMany({ where: { id: { in: ids } } }));
