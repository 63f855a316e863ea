import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/** No message body: consumers that need it read it from messaging, so the stream carries no private text. */
export const messageSent = defineEvent(
  'message.sent',
  1,
  z.object({ messageId: z.uuid(), conversationId: z.uuid(), productId: z.uuid(), senderId: z.uuid(), recipientId: z.uuid() }),
);

/**
 * A participant has read a conversation up to `readAt`: their unread count drops to 0 and the other participant's
 * messages get their "seen" mark. Carried so that read state reaches `conversationUpdated` subscribers the same
 * way new messages do: after the commit, once per event across replicas.
 */
export const conversationRead = defineEvent(
  'conversation.read',
  1,
  z.object({ conversationId: z.uuid(), readerId: z.uuid(), readAt: z.iso.datetime() }),
);
