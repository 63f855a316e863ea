import { graphqlErrorBody, type HttpRoute, readBodyOrRefuse, sendJson } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import type Stripe from 'stripe';
import type { CommercePrisma } from '../database.ts';
import type { StripePayments } from './stripe-payments.ts';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/** Stripe's own default: a signature older than five minutes is refused, so a captured delivery cannot be replayed later. */
const TOLERANCE_SECONDS = 300;
// Stripe's event payloads are a few kilobytes.
const MAX_BODY_BYTES = 256_000;

/**
 * `POST /webhooks/stripe` (the gateway forwards Stripe's deliveries here byte for byte). The `Stripe-Signature`
 * is verified by the Stripe SDK over the exact raw body, with the endpoint secret and a 300 s tolerance; a bad one
 * is 400 and nothing is stored. A verified event is stored once by its id (a redelivery or replay is a no-op) and
 * answered 200 at once; the worker applies it afterwards, in order of arrival.
 */
export function createStripeWebhookRoute(options: {
  prisma: CommercePrisma;
  payments: StripePayments;
  webhookSecret: string;
  /** Called after a new event is stored: the worker handles it right away instead of at its next tick. */
  onStored: () => void;
  logger: Logger;
}): HttpRoute {
  const { prisma, payments, webhookSecret, logger } = options;
  return {
    method: 'POST',
    path: STRIPE_WEBHOOK_PATH,
    handler: async (req, res) => {
      const body = await readBodyOrRefuse(req, res, MAX_BODY_BYTES);
      if (!body) return;
      const signature = req.headers['stripe-signature'];
      let event: Stripe.Event;
      try {
        event = payments.verifyWebhook(body, typeof signature === 'string' ? signature : '', webhookSecret, TOLERANCE_SECONDS);
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'Stripe webhook refused');
        return sendJson(res, 400, graphqlErrorBody('Webhook signature or timestamp is invalid.', 'BAD_REQUEST'));
      }
      const { count } = await prisma.stripeEvent.createMany({
        data: [{ id: event.id, type: event.type, payload: JSON.parse(body.toString('utf8')) as object }],
        skipDuplicates: true,
      });
      if (count === 1) options.onStored();
      sendJson(res, 200, { received: true, duplicate: count === 0 });
    },
  };
}
