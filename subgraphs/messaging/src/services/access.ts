import { forbidden, notFound, unauthenticated } from '@threadly/errors';
import type { Viewer } from '@threadly/identity-headers';
import type { Conversation } from '../generated/prisma/client.ts';

export const isParticipant = (conversation: Conversation, userId: string) =>
  conversation.buyerId === userId || conversation.sellerId === userId;

/** Participants read their conversations; admins read every conversation to moderate. */
export const canRead = (conversation: Conversation, viewer: Viewer | null) =>
  viewer !== null && (viewer.role === 'ADMIN' || isParticipant(conversation, viewer.userId));

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/**
 * Only participants write. An admin, who may see the conversation, is told it is forbidden; anyone else gets
 * NOT_FOUND so conversation ids cannot be probed.
 */
export function assertCanWrite(conversation: Conversation | null, id: string, viewer: Viewer): Conversation {
  if (conversation && isParticipant(conversation, viewer.userId)) return conversation;
  if (conversation && viewer.role === 'ADMIN') throw forbidden('Only the buyer and the seller can write in a conversation.');
  throw notFound('Conversation', id);
}
