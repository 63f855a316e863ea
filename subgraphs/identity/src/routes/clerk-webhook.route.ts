import { verifyWebhook } from '@clerk/backend/webhooks';
import { graphqlErrorBody, type HttpRoute, readBodyOrRefuse, sendJson } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import type { ClerkWebhookService } from '../services/clerk-webhook.service.ts';

export const CLERK_WEBHOOK_PATH = '/webhooks/clerk';

const SVIX_HEADERS = ['svix-id', 'svix-timestamp', 'svix-signature'] as const;
// Clerk's user payloads are a few kilobytes; this leaves room for many email addresses and metadata.
const MAX_BODY_BYTES = 256_000;

/**
 * `POST /webhooks/clerk`: Clerk's user events, delivered by Svix. The signature is checked by Clerk's own
 * verifier over the exact raw body, which also refuses timestamps more than five minutes from now; the svix-id
 * is then recorded so a replay within those five minutes (or a redelivery) changes nothing.
 *
 * 200 `{ received, outcome }` as soon as the change and its events are committed (also for duplicates and event
 * types identity does not use); what other subgraphs do about it (catalog hiding a deleted user's listings)
 * follows through the outbox. 400 for a bad signature or stale timestamp (nothing changes). Should the database
 * fail, nothing is recorded, the answer is a 500 and Svix retries.
 */
export function createClerkWebhookRoute(options: { signingSecret: string; webhooks: ClerkWebhookService; logger: Logger }): HttpRoute {
  const { signingSecret, webhooks, logger } = options;
  return {
    method: 'POST',
    path: CLERK_WEBHOOK_PATH,
    handler: async (req, res, { url }) => {
      const body = await readBodyOrRefuse(req, res, MAX_BODY_BYTES);
      if (!body) return;
      const headers = new Headers({ 'content-type': 'application/json' });
      for (const name of SVIX_HEADERS) {
        const value = req.headers[name];
        if (typeof value === 'string') headers.set(name, value);
      }
      let event: Awaited<ReturnType<typeof verifyWebhook>>;
      try {
        event = await verifyWebhook(new Request(url, { method: 'POST', headers, body: new Uint8Array(body) }), { signingSecret });
      } catch (error) {
        logger.warn({ reason: (error as Error).message, svixId: headers.get('svix-id') }, 'Clerk webhook refused');
        return sendJson(res, 400, graphqlErrorBody('Webhook signature or timestamp is invalid.', 'BAD_REQUEST'));
      }
      // The verifier has just required svix-id and signed over it.
      const id = (headers.get('svix-id') ?? '').trim();
      // Signed by Clerk, but still data: a payload without a type is recorded as such rather than failing.
      const type: string = typeof event.type === 'string' ? event.type : 'unknown';
      const outcome = await webhooks.handle({ id, type, data: event.data });
      sendJson(res, 200, { received: true, outcome });
    },
  };
}
