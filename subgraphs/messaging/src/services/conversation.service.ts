import { isUuid, type KeysetPlan } from '@threadly/database';
import { badUserInput, notFound } from '@threadly/errors';
import type { OutboxSignal } from '@threadly/events';
import type { Viewer } from '@threadly/identity-headers';
import type { MessagingPrisma } from '../database.ts';
import type { Conversation } from '../generated/prisma/client.ts';
import type { MessagingLoaders } from '../loaders/index.ts';
import type { ProductDirectory } from './catalog-client.ts';
import { recordMessage } from './record-message.ts';
import { isConversationVisibleTo } from './visibility.ts';

/** A conversation as listed in an inbox, with the inbox row's position for the cursor. */
export type InboxConversation = Conversation & { inboxUpdatedAt: Date };

/**
 * Reads conversations and starts them. Who may call what is declared on the schema fields (auth scopes); what is
 * left here is filtering: a conversation the viewer may not see reads as unknown.
 */
export class ConversationService {
  constructor(
    private readonly prisma: MessagingPrisma,
    private readonly loaders: MessagingLoaders,
    private readonly viewer: Viewer | null,
    private readonly products: ProductDirectory,
    private readonly outbox: OutboxSignal,
  ) {}

  /** The conversation when the viewer may read it, else null (unknown, malformed or someone else's). */
  async findReadable(id: string): Promise<Conversation | null> {
    const conversation = await this.loaders.conversationById.load(id);
    return conversation && isConversationVisibleTo(conversation, this.viewer) ? conversation : null;
  }

  /** The conversation, or NOT_FOUND when it is not the viewer's to read. */
  async getReadable(id: string): Promise<Conversation> {
    const conversation = await this.findReadable(id);
    if (!conversation) throw notFound('Conversation', id);
    return conversation;
  }

  /**
   * A page of `userId`'s inbox, most recent activity first, read from the (userId, updatedAt DESC, conversationId)
   * index of participant rows; the conversations then come from the by-id loader, one statement for all inboxes.
   */
  async listInbox(userId: string, page: KeysetPlan): Promise<InboxConversation[]> {
    if (!isUuid(userId)) return [];
    // Through a loader: the inboxes of every user in a list (an admin's view) share one statement.
    const rows = await this.loaders.inboxByUser.load({ parentId: userId, plan: page, filter: null });
    const conversations = await this.loaders.conversationById.loadMany(rows.map((row) => row.id));
    return rows.flatMap((row, index) => {
      const conversation = conversations[index];
      return conversation && !(conversation instanceof Error) ? [{ ...conversation, inboxUpdatedAt: row.at }] : [];
    });
  }

  /**
   * Starts a conversation with the seller of `productId` as `buyerId`, or — when this buyer already has one about
   * the product — appends the message to it, so retrying a start never duplicates conversations.
   */
  async start(buyerId: string, productId: string, body: string): Promise<Conversation> {
    const sellerId = isUuid(productId) ? await this.products.sellerOf(productId) : null;
    if (!sellerId) throw notFound('Product', productId);
    if (sellerId === buyerId) throw badUserInput('You cannot start a conversation about your own listing.', 'productId');
    const now = new Date();
    const { conversation, message } = await this.prisma.$transaction(async (tx) => {
      // A plain upsert on the unique (productId, buyerId) becomes INSERT … ON CONFLICT, safe against a double click.
      const started = await tx.conversation.upsert({
        where: { productId_buyerId: { productId, buyerId } },
        create: { productId, buyerId, sellerId, lastMessageAt: now, createdAt: now, updatedAt: now },
        update: { updatedAt: now },
      });
      await tx.conversationParticipant.createMany({
        data: [started.buyerId, started.sellerId].map((userId) => ({ conversationId: started.id, userId, updatedAt: now })),
        skipDuplicates: true,
      });
      return recordMessage(tx, started, buyerId, body, now);
    });
    this.outbox.poke();
    this.loaders.conversationById.clear(conversation.id).prime(conversation.id, conversation);
    this.loaders.lastMessageByConversation.clear(conversation.id).prime(conversation.id, message);
    this.loaders.unreadCountByConversation.clear(conversation.id).prime(conversation.id, 0);
    return conversation;
  }
}
