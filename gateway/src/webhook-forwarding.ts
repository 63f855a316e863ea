import { graphqlErrorBody, type HttpRoute, readBodyOrRefuse, sendJson } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import { injectTraceContext } from '@threadly/tracing';

/** The headers a webhook's receiver verifies: Svix's (Clerk) unless the route names others (Stripe's signature). */
export const SVIX_WEBHOOK_HEADERS = ['content-type', 'svix-id', 'svix-timestamp', 'svix-signature'] as const;
export const STRIPE_WEBHOOK_HEADERS = ['content-type', 'stripe-signature'] as const;

/**
 * Webhook senders (Clerk, Stripe) can only reach the public edge, and each webhook belongs to a subgraph: this route
 * hands the exact bytes and the signature headers to the subgraph's route (which verifies the signature) and relays
 * its answer. When the subgraph is down the answer is 503, so the sender retries the delivery later.
 */
export function createWebhookForwardingRoute({
  path,
  target,
  logger,
  headers: forwardedHeaders = SVIX_WEBHOOK_HEADERS,
}: {
  path: string;
  target: string;
  logger: Logger;
  /** Request headers passed on (lower case); Svix's by default. */
  headers?: readonly string[];
}): HttpRoute {
  return {
    method: 'POST',
    path,
    handler: async (req, res) => {
      const body = await readBodyOrRefuse(req, res, 256_000);
      if (!body) return;
      const headers: Record<string, string> = Object.fromEntries(
        forwardedHeaders.flatMap((name) => (typeof req.headers[name] === 'string' ? [[name, req.headers[name] as string]] : [])),
      );
      // The subgraph's handling of the delivery joins this request's trace.
      injectTraceContext((name, value) => (headers[name] = value));
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
