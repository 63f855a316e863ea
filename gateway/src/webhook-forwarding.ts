import { BodyTooLargeError, graphqlErrorBody, readBody, sendJson, type HttpRoute } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';

const FORWARDED_HEADERS = ['content-type', 'svix-id', 'svix-timestamp', 'svix-signature'];

/**
 * Clerk can only reach the public edge, and the webhook belongs to identity: this route hands the exact bytes and
 * Svix headers to identity's `/webhooks/clerk` (which verifies the signature) and relays its answer. When identity
 * is down the answer is 503, so Svix retries the delivery later.
 */
export function createWebhookForwardingRoute({ path, target, logger }: { path: string; target: string; logger: Logger }): HttpRoute {
  return {
    method: 'POST',
    path,
    handler: async (req, res) => {
      let body: Buffer;
      try {
        body = await readBody(req, 256_000);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, graphqlErrorBody(error.message, 'BAD_REQUEST'));
        throw error;
      }
      const headers = Object.fromEntries(
        FORWARDED_HEADERS.flatMap((name) => (typeof req.headers[name] === 'string' ? [[name, req.headers[name] as string]] : [])),
      );
      try {
        const answer = await fetch(target, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
        const text = await answer.text();
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      } catch (error) {
        logger.error({ err: error, path }, 'webhook could not be forwarded; the sender will retry');
        sendJson(res, 503, graphqlErrorBody('The webhook could not be processed right now; retry later.', 'SUBGRAPH_UNAVAILABLE'));
      }
    },
  };
}
