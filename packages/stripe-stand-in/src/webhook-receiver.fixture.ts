import { createServer } from 'node:http';
import { listen, readBody } from '@threadly/http-server';
import Stripe from 'stripe';

export interface ReceivedWebhook {
  /** The event, when its signature verified. */
  event: Stripe.Event | null;
  rejection: string | null;
}

/** A webhook endpoint for tests that verifies each delivery the way Threadly's route must: constructEvent with the secret. */
export async function startWebhookReceiver(secret: string) {
  const received: ReceivedWebhook[] = [];
  const server = createServer(async (req, res) => {
    const payload = await readBody(req, 1024 * 1024);
    try {
      const event = Stripe.webhooks.constructEvent(payload, req.headers['stripe-signature'] ?? '', secret);
      received.push({ event, rejection: null });
      res.writeHead(200).end('ok');
    } catch (error) {
      received.push({ event: null, rejection: (error as Error).message });
      res.writeHead(400).end('bad signature');
    }
  });
  const url = `${await listen(server, 0)}/webhooks/stripe`;
  return { url, secret, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
