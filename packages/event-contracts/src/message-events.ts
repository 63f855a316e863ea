import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/** No message body: consumers that need it read it from messaging, so the stream carries no private text. */
export const messageSent = defineEvent(
  'message.sent',
  1,
  z.object({ messageId: z.uuid(), conversationId: z.uuid(), productId: z.uuid(), senderId: z.uuid(), recipientId: z.uuid() }),
);
