import type { DemoData } from '@threadly/demo-data';
import type { MessagingPrisma } from './database.ts';

/**
 * Inserts the demo conversations, their participant rows and messages; rows that already exist are left as
 * they are, so running it twice changes nothing. Parents first: participants and messages reference conversations.
 */
export async function seedMessaging(prisma: MessagingPrisma, data: DemoData): Promise<{ rows: number }> {
  const conversations = await prisma.conversation.createMany({ data: data.conversations, skipDuplicates: true });
  const participants = await prisma.conversationParticipant.createMany({ data: data.conversationParticipants, skipDuplicates: true });
  const messages = await prisma.message.createMany({ data: data.messages, skipDuplicates: true });
  return { rows: conversations.count + participants.count + messages.count };
}

export const messagingHasData = async (prisma: MessagingPrisma) => (await prisma.conversation.count()) > 0;
