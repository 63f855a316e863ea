import type { Viewer } from '@threadly/identity-headers';
import type { Conversation } from '../generated/prisma/client.ts';

/** The two people a conversation is between: the `self` auth scope of everything only they may do. */
export const participantsOf = (conversation: Conversation): string[] => [conversation.buyerId, conversation.sellerId];

/**
 * Data filtering, not authorization: participants, and admins moderating, may know a conversation exists; for
 * anyone else its id looks exactly like an unknown one (NOT_FOUND, or null as an entity reference).
 */
export const isConversationVisibleTo = (conversation: Conversation, viewer: Viewer | null) =>
  viewer !== null && (viewer.role === 'ADMIN' || participantsOf(conversation).includes(viewer.userId));
