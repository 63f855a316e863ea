import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET } from '@threadly/config';

/** The fields of Clerk's `UserJSON` identity reads, shaped as Clerk sends them. */
export function clerkUserJson(user: { clerkId: string; email?: string; firstName?: string | null; lastName?: string | null; imageUrl?: string }) {
  const emailId = `idn_${user.clerkId}`;
  return {
    object: 'user',
    id: user.clerkId,
    first_name: user.firstName ?? null,
    last_name: user.lastName ?? null,
    image_url: user.imageUrl ?? 'https://img.clerk.com/default-avatar.png',
    has_image: Boolean(user.imageUrl),
    primary_email_address_id: user.email ? emailId : null,
    email_addresses: user.email ? [{ object: 'email_address', id: emailId, email_address: user.email, verification: null, linked_to: [] }] : [],
    created_at: Date.now(),
    updated_at: Date.now(),
  };
}

export const deletedUserJson = (clerkId: string) => ({ object: 'user', id: clerkId, deleted: true });

export interface DeliveryOptions {
  /** The svix-id; a new one per delivery unless given (a redelivery reuses it). */
  id?: string;
  /** When Svix signed it; now unless given. */
  at?: Date;
  secret?: string;
  /** Replaces the computed `svix-signature` header. */
  signature?: string;
}

export interface DeliveryResult {
  id: string;
  status: number;
  // Each test reads the part it asserts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * Posts Clerk events to a `/webhooks/clerk` URL exactly as Svix does: `svix-id`, `svix-timestamp` (seconds) and
 * `svix-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`), signed with the development secret.
 */
export function clerkWebhookSender(webhookUrl: string) {
  return async (type: string, data: unknown, options: DeliveryOptions = {}): Promise<DeliveryResult> => {
    const id = options.id ?? `msg_${randomUUID()}`;
    const at = options.at ?? new Date();
    const body = JSON.stringify({ type, object: 'event', data, timestamp: at.getTime(), instance_id: 'ins_test' });
    const signature = options.signature ?? new Webhook(options.secret ?? DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET).sign(id, at, body);
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature },
      body,
    });
    return { id, status: response.status, body: await response.json() };
  };
}
