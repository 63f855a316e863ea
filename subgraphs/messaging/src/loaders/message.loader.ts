import DataLoader from 'dataloader';
import { createByIdLoader, createPageLoader, isUuid, keysetWindowQuery, type PagedRow } from '@threadly/database';
import { MESSAGING_DB_SCHEMA, type MessagingPrisma } from '../database.ts';
import { Prisma, type Message } from '../generated/prisma/client.ts';

const table = (name: string) => Prisma.raw(`"${MESSAGING_DB_SCHEMA}"."${name}"`);

/**
 * The newest message of each conversation in one statement: a LATERAL top-1 per conversation walks the
 * (conversationId, createdAt DESC, id) index instead of reading every message of every conversation.
 */
export const createLastMessageLoader = (prisma: MessagingPrisma) =>
  new DataLoader<string, Message | null>(async (conversationIds) => {
    const ids = conversationIds.filter(isUuid);
    const rows =
      ids.length === 0
        ? []
        : await prisma.$queryRaw<Message[]>`
          SELECT m."id", m."conversationId", m."senderId", m."body", m."createdAt", m."readAt"
          FROM unnest(${ids}::uuid[]) AS c("id")
          CROSS JOIN LATERAL (
            SELECT * FROM ${table('Message')} WHERE "conversationId" = c."id" ORDER BY "createdAt" DESC, "id" ASC LIMIT 1
          ) AS m`;
    const byConversation = new Map(rows.map((row) => [row.conversationId, row]));
    return conversationIds.map((id) => byConversation.get(id) ?? null);
  });

/**
 * How many messages from the other participant `viewerId` has not read yet (sent after their `lastReadAt`),
 * for every requested conversation in one grouped statement. Zero where the viewer is not a participant.
 */
export const createUnreadCountLoader = (prisma: MessagingPrisma, viewerId: string | null) =>
  new DataLoader<string, number>(async (conversationIds) => {
    const ids = conversationIds.filter(isUuid);
    if (!viewerId || !isUuid(viewerId) || ids.length === 0) return conversationIds.map(() => 0);
    const rows = await prisma.$queryRaw<Array<{ conversationId: string; unread: number }>>`
      SELECT m."conversationId", count(*)::int AS "unread"
      FROM ${table('Message')} AS m
      JOIN ${table('ConversationParticipant')} AS p
        ON p."conversationId" = m."conversationId" AND p."userId" = ${viewerId}::uuid
      WHERE m."conversationId" = ANY(${ids}::uuid[])
        AND m."senderId" <> ${viewerId}::uuid
        AND (p."lastReadAt" IS NULL OR m."createdAt" > p."lastReadAt")
      GROUP BY m."conversationId"`;
    const byConversation = new Map(rows.map((row) => [row.conversationId, row.unread]));
    return conversationIds.map((id) => byConversation.get(id) ?? 0);
  });

export const createMessageByIdLoader = (prisma: MessagingPrisma) =>
  createByIdLoader((ids) => prisma.message.findMany({ where: { id: { in: ids } } }));

/** A page of each conversation's messages, newest first: one statement per page asked, however many conversations. */
export const createMessagesByConversationLoader = (prisma: MessagingPrisma) =>
  createPageLoader<null>((conversationIds, plan) =>
    prisma.$queryRawUnsafe<PagedRow[]>(
      ...keysetWindowQuery({ table: `"${MESSAGING_DB_SCHEMA}"."Message"`, parent: 'conversationId', at: 'createdAt', id: 'id' }, conversationIds, plan),
    ),
  );
