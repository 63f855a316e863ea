import type { MessagingContext } from '../context.ts';
import { participantsOf } from '../services/visibility.ts';

/**
 * Auth scopes of the mutations only a conversation's two participants may use (`args.conversationId`).
 * Anonymous callers are refused before anything is loaded. Loading the conversation is data filtering: one the
 * viewer may not read is NOT_FOUND; an admin, who may read it, gets FORBIDDEN — moderators read, they do not write.
 */
export const conversationParticipant = async (
  _root: unknown,
  { conversationId }: { conversationId: string | number },
  ctx: MessagingContext,
) => ctx.viewer !== null && { self: participantsOf(await ctx.conversations.getReadable(String(conversationId))) };
