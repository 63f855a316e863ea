import { verifyWebhook } from '@clerk/backend/webhooks';
import { BodyTooLargeError, graphqlErrorBody, readBody, sendJson, type HttpRoute } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import type { ClerkWebhookService } from '../services/clerk-webhook.service.ts';
import { CatalogUnavailableError } from '../services/seller-listings.ts';

export const CLERK_WEBHOOK_PATH = '/webhooks/clerk';

const SVIX_HEADERS = ['svix-id', 'svix-timestamp', 'svix-signature'] as const;
// Clerk's user payloads are a few kilobytes; this leaves room for many email addresses and metadata.
const MAX_BODY_BYTES = 256_000;

/**
 * `POST /webhooks/clerk`: Clerk's user events, delivered by Svix. The signature is checked by Clerk's own
 * verifier over the exact raw body, which also refuses timestamps more than five minutes from now; the svix-id
 * is then recorded so a replay within those five minutes (or a redelivery) changes nothing.
 *
 * 200 `{ received, outcome }` once handled (also for duplicates and event types identity does not use), 400 for
 * a bad signature or stale timestamp (nothing changes), 503 when catalog could not hide a deleted user's
 * listings (nothing recorded, so Svix retries).
 */
export function createClerkWebhookRoute(options: { signingSecret: string; webhooks: ClerkWebhookService; logger: Logger }): HttpRoute {
  const { signingSecret, webhooks, logger } = options;
  return {
    method: 'POST',
    path: CLERK_WEBHOOK_PATH,
    handler: async (req, res, { url }) => {
      let body: Buffer;
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, graphqlErrorBody(error.message, 'BAD_REQUEST'));
        throw error;
      }
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
      try {
        // Signed by Clerk, but still data: a payload without a type is recorded as such rather than failing.
        const type: string = typeof event.type === 'string' ? event.type : 'unknown';
        const outcome = await webhooks.handle({ id, type, data: event.data });
        sendJson(res, 200, { received: true, outcome });
      } catch (error) {
        if (!(error instanceof CatalogUnavailableError)) throw error;
        logger.error({ err: error, svixId: id }, 'user.deleted not completed; Svix will retry');
        sendJson(res, 503, graphqlErrorBody("Could not hide the deleted user's listings yet; deliver again later.", 'SUBGRAPH_UNAVAILABLE'));
      }
    },
  };
}
