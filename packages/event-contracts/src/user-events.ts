import { z } from 'zod';
import { defineEvent } from './envelope.ts';

export const userUpdated = defineEvent('user.updated', 1, z.object({ userId: z.uuid(), changedFields: z.array(z.string()).min(1) }));

/** The account is gone: its profile is anonymised and its listings must leave the shop. */
export const userDeleted = defineEvent('user.deleted', 1, z.object({ userId: z.uuid() }));
