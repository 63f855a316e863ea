import { messageSent } from '@threadly/event-contracts';
import { appendToOutbox } from '@threadly/events';
import type { Conversation, Message, Prisma } from '../generated/prisma/client.ts';

/**
 * Records that `readerId` has seen the conversation up to `now`: their participant `lastReadAt` (what unread
 * counts compare against) and `readAt` on the other participant's messages (the "seen" mark), kept in step.
 */
export async function markReadBy(tx: Prisma.TransactionClient, conversationId: string, readerId: string, now: Date): Promise<void> {
  await tx.conversationParticipant.update({
    where: { conversationId_userId: { conversationId, userId: readerId } },
    data: { lastReadAt: now },
  });
  await tx.message.updateMany({
    where: { conversationId, senderId: { not: readerId }, readAt: null, createdAt: { lte: now } },
    data: { readAt: now },
  });
}

/**
 * Appends a message inside the caller's transaction and moves the conversation to the top of both
 * participants' inboxes: the message, `Conversation.lastMessageAt/updatedAt` and both participant rows'
 * `updatedAt` (the inbox index) change together or not at all. Replying means having seen the chat, so the
 * sender's side is marked read as well (as the demo data assumes). `message.sent` is written to the outbox in the
 * same transaction (without the body: consumers that need it ask messaging).
 */
export async function recordMessage(
  tx: Prisma.TransactionClient,
  conversation: Conversation,
  senderId: string,
  body: string,
  now: Date,
): Promise<{ message: Message; conversation: Conversation }> {
  const message = await tx.message.create({ data: { conversationId: conversation.id, senderId, body, createdAt: now } });
  const updated = await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: now, updatedAt: now } });
  await tx.conversationParticipant.updateMany({ where: { conversationId: conversation.id }, data: { updatedAt: now } });
  await markReadBy(tx, conversation.id, senderId, now);
  const recipientId = senderId === conversation.buyerId ? conversation.sellerId : conversation.buyerId;
  await appendToOutbox(tx, [
    messageSent.create(conversation.id, { messageId: message.id, conversationId: conversation.id, productId: conversation.productId, senderId, recipientId }, now),
  ]);
  return { message, conversation: updated };
}
