import { compare, type KeysetPlan } from '@threadly/database';
import type { Viewer } from '@threadly/identity-headers';
import type { MessagingPrisma } from '../database.ts';
import type { Conversation, Message } from '../generated/prisma/client.ts';
import type { MessagingLoaders } from '../loaders/index.ts';
import { assertCanWrite, requireViewer } from './access.ts';
import { markReadBy, recordMessage } from './record-message.ts';

/** Lists, sends and reads messages; only a conversation's two participants write to it. */
export class MessageService {
  constructor(
    private readonly prisma: MessagingPrisma,
    private readonly loaders: MessagingLoaders,
    private readonly viewer: Viewer | null,
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

  /** Sends `body` (already trimmed and bounded) as the viewer, who must be a participant. */
  async send(conversationId: string, body: string): Promise<Message> {
    const viewer = requireViewer(this.viewer);
    const conversation = assertCanWrite(await this.loaders.conversationById.load(conversationId), conversationId, viewer);
    const result = await this.prisma.$transaction((tx) => recordMessage(tx, conversation, viewer.userId, body, new Date()));
    this.loaders.conversationById.clear(conversationId).prime(conversationId, result.conversation);
    this.loaders.lastMessageByConversation.clear(conversationId).prime(conversationId, result.message);
    this.loaders.unreadCountByConversation.clear(conversationId).prime(conversationId, 0);
    return result.message;
  }

  /**
   * Marks everything the other participant sent so far as read by the viewer: their participant `lastReadAt`
   * and the messages' `readAt`, in one transaction. Reading is not activity, so the inbox order stays as it is.
   */
  async markRead(conversationId: string): Promise<Conversation> {
    const viewer = requireViewer(this.viewer);
    const conversation = assertCanWrite(await this.loaders.conversationById.load(conversationId), conversationId, viewer);
    const now = new Date();
    await this.prisma.$transaction((tx) => markReadBy(tx, conversationId, viewer.userId, now));
    this.loaders.unreadCountByConversation.clear(conversationId).prime(conversationId, 0);
    this.loaders.lastMessageByConversation.clear(conversationId);
    return conversation;
  }
}
