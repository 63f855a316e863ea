import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '@threadly/http-server';
import type Stripe from 'stripe';
import { z } from 'zod';
import { decodeStripeForm } from './form-decoding.ts';
import { formBoolean, formInteger, formList, parseParams } from './form-params.ts';
import type { StripeStandIn } from './stand-in-api.ts';
import { invalidRequest, StripeApiError } from './stripe-errors.ts';

/** What the `/_test/…` routes drive: the same operations the in-process handle offers. */
export type TestControlTarget = Pick<
  StripeStandIn,
  'confirmPaymentIntent' | 'failNextRequests' | 'deliverWebhook' | 'configureWebhook' | 'reset' | 'paymentIntents' | 'charges' | 'refunds' | 'events' | 'webhookDeliveries' | 'requests'
>;

const ENDPOINTS = ['POST /v1/payment_intents', 'GET /v1/payment_intents/:id', 'POST /v1/payment_intents/:id/cancel', 'POST /v1/refunds'] as const;

const confirmParams = z.strictObject({ outcome: z.enum(['succeeded', 'failed']) });
const failParams = z.strictObject({
  failure: z.enum(['api_error', 'connection_drop']),
  count: formInteger(1).optional(),
  endpoint: z.enum(ENDPOINTS).optional(),
  after_processing: formBoolean.optional(),
});
const webhookParams = z.strictObject({ url: z.url(), secret: z.string().min(1), delivery: z.enum(['automatic', 'manual']).optional() });
const deliverParams = z.strictObject({
  events: formList(z.string()),
  duplicate: formBoolean.optional(),
  order: z.enum(['as-given', 'reversed']).optional(),
  tamper: z.enum(['signature', 'payload']).optional(),
  timestamp: formInteger(0).optional(),
});

/** The body as form fields (curl -d) or JSON whose values are strings, so one schema reads both. */
async function readParams(req: IncomingMessage) {
  const text = (await readBody(req, 64 * 1024)).toString('utf8');
  if (!(req.headers['content-type'] ?? '').includes('json')) return decodeStripeForm(text);
  const json: unknown = text ? JSON.parse(text) : {};
  return decodeStripeForm(new URLSearchParams(flatten(json)).toString());
}

const flatten = (value: unknown, prefix = ''): [string, string][] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, entry]) => flatten(entry, prefix ? `${prefix}[${key}]` : key))
    : [[prefix, String(value)]];

function eventsById(target: TestControlTarget, ids: string[]): Stripe.Event[] {
  return ids.map((id) => {
    const event = target.events.get(id);
    if (!event) throw invalidRequest(`No such event: '${id}'`, { code: 'resource_missing', param: 'events', status: 404 });
    return event;
  });
}

/**
 * Test controls, not Stripe endpoints: they stand in for the customer (paying), for Stripe's own failures, and for
 * webhook delivery, so development and tests can drive a payment from outside the process.
 *
 *   POST /_test/payment_intents/:id/confirm   outcome=succeeded|failed
 *   POST /_test/fail_next_requests            failure=api_error|connection_drop [count] [endpoint] [after_processing]
 *   POST /_test/webhook_endpoint              url, secret [delivery=automatic|manual]   (DELETE removes it)
 *   POST /_test/webhook_deliveries            events[]=evt_… [duplicate] [order=reversed] [tamper=signature|payload] [timestamp]
 *   POST /_test/reset
 *   GET  /_test/state                         every object, event, delivery and recorded request
 */
export async function serveTestControl(req: IncomingMessage, res: ServerResponse, url: URL, target: TestControlTarget): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  try {
    const confirm = /^POST \/_test\/payment_intents\/([^/]+)\/confirm$/.exec(route);
    if (confirm) {
      const { outcome } = parseParams(confirmParams, await readParams(req));
      return sendJson(res, 200, await target.confirmPaymentIntent(confirm[1] ?? '', outcome));
    }
    switch (route) {
      case 'POST /_test/fail_next_requests': {
        const input = parseParams(failParams, await readParams(req));
        target.failNextRequests({ failure: input.failure, count: input.count, endpoint: input.endpoint, afterProcessing: input.after_processing });
        return sendJson(res, 200, { queued: input });
      }
      case 'POST /_test/webhook_endpoint': {
        const endpoint = parseParams(webhookParams, await readParams(req));
        target.configureWebhook(endpoint);
        return sendJson(res, 200, { url: endpoint.url, delivery: endpoint.delivery ?? 'automatic' });
      }
      case 'DELETE /_test/webhook_endpoint':
        target.configureWebhook(null);
        return sendJson(res, 200, { removed: true });
      case 'POST /_test/webhook_deliveries': {
        const { events, ...options } = parseParams(deliverParams, await readParams(req));
        return sendJson(res, 200, { deliveries: await target.deliverWebhook(eventsById(target, events), options) });
      }
      case 'POST /_test/reset':
        target.reset();
        return sendJson(res, 200, { reset: true });
      case 'GET /_test/state':
        return sendJson(res, 200, {
          payment_intents: target.paymentIntents.list(),
          charges: target.charges.list(),
          refunds: target.refunds.list(),
          events: target.events.list(),
          webhook_deliveries: target.webhookDeliveries(),
          requests: target.requests(),
        });
      default:
        throw invalidRequest(`No test control at ${route}.`, { status: 404 });
    }
  } catch (error) {
    if (error instanceof StripeApiError) return sendJson(res, error.status, error.body);
    if (error instanceof SyntaxError) return sendJson(res, 400, invalidRequest(`Invalid JSON body: ${error.message}`).body);
    throw error;
  }
}
