import { compare, type KeysetPlan } from '@threadly/database';
import { conversationRead } from '@threadly/event-contracts';
import { notFound } from '@threadly/errors';
import { appendToOutbox, type OutboxSignal } from '@threadly/events';
import type { MessagingPrisma } from '../database.ts';
import type { Conversation, Message } from '../generated/prisma/client.ts';
import type { MessagingLoaders } from '../loaders/index.ts';
import { markReadBy, recordMessage } from './record-message.ts';

/**
 * Lists, sends and reads messages. Only a conversation's two participants write to it: the mutations declare
 * that as auth scopes, so these methods act for the participant they are given.
 */
export class MessageService {
  constructor(
    private readonly prisma: MessagingPrisma,
    private readonly loaders: MessagingLoaders,
    private readonly outbox: OutboxSignal,
  ) {}

  /**
   * A page of the conversation's messages, newest first, from the (conversationId, createdAt DESC, id) index.
   * The caller has already checked that the viewer may read `conversation`.
   */
  listForConversation(conversation: Conversation, page: KeysetPlan): Promise<Message[]> {
    return this.prisma.message.findMany({
      where: {
        conversationId: conversation.id,
        AND: page.bounds.map((bound) => ({
          OR: [{ createdAt: compare(bound.op, bound.at) }, { createdAt: bound.at, id: compare(bound.idOp, bound.id) }],
        })),
      },
      orderBy: [{ createdAt: page.order.at }, { id: page.order.id }],
      take: page.take,
    });
  }

  /** Sends `body` (already sanitised and bounded) as `senderId`, a participant; announced as `message.sent`. */
  async send(conversationId: string, senderId: string, body: string): Promise<Message> {
    const conversation = await this.load(conversationId);
    const result = await this.prisma.$transaction((tx) => recordMessage(tx, conversation, senderId, body, new Date()));
    this.outbox.poke();
    this.loaders.conversationById.clear(conversationId).prime(conversationId, result.conversation);
    this.loaders.lastMessageByConversation.clear(conversationId).prime(conversationId, result.message);
    this.loaders.unreadCountByConversation.clear(conversationId).prime(conversationId, 0);
    return result.message;
  }

  /**
   * Marks everything the other participant sent so far as read by `readerId`, a participant: their participant
   * `lastReadAt` and the messages' `readAt`, in one transaction with `conversation.read` (which tells both
   * participants' `conversationUpdated` subscriptions). Reading is not activity, so the inbox order stays.
   */
  async markRead(conversationId: string, readerId: string): Promise<Conversation> {
    const conversation = await this.load(conversationId);
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      await markReadBy(tx, conversationId, readerId, now);
      await appendToOutbox(tx, [conversationRead.create(conversationId, { conversationId, readerId, readAt: now.toISOString() }, now)]);
    });
    this.outbox.poke();
    this.loaders.unreadCountByConversation.clear(conversationId).prime(conversationId, 0);
    this.loaders.lastMessageByConversation.clear(conversationId);
    return conversation;
  }

  private async load(conversationId: string): Promise<Conversation> {
    const conversation = await this.loaders.conversationById.load(conversationId);
    if (!conversation) throw notFound('Conversation', conversationId);
    return conversation;
  }
}
