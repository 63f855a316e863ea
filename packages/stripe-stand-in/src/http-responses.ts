import type { ServerResponse } from 'node:http';
import { sendJson } from '@threadly/http-server';

/** Stripe answers JSON with its request id, API version and (for POSTs) the idempotency key on every response. */
export interface StripeResponseHeaders {
  requestId: string;
  stripeVersion: string;
  idempotencyKey: string | null;
  replayed?: boolean;
}

export function sendStripeJson(res: ServerResponse, status: number, body: unknown, headers: StripeResponseHeaders) {
  sendJson(res, status, body, {
    'request-id': headers.requestId,
    'stripe-version': headers.stripeVersion,
    ...(headers.idempotencyKey ? { 'idempotency-key': headers.idempotencyKey } : {}),
    ...(headers.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
}

/** A network-level failure: the socket closes without a response, which the SDK sees as ECONNRESET. */
export function dropConnection(res: ServerResponse) {
  res.socket?.destroy();
}
