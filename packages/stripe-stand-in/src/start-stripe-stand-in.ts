import { createServer } from 'node:http';
import { listen } from '@threadly/http-server';
import Stripe from 'stripe';
import { DEFAULT_STAND_IN_API_KEY } from './authentication.ts';
import { IdempotencyLayer } from './idempotency.ts';
import { InjectedFailures } from './injected-failures.ts';
import { paymentIntentRoutes } from './payment-intents.ts';
import { settlePaymentAttempt } from './payment-outcomes.ts';
import { refundRoutes } from './refunds.ts';
import type { RecordedStripeRequest, StripeStandIn, StripeStandInOptions } from './stand-in-api.ts';
import { StandInStore, storedObjectsView } from './stand-in-store.ts';
import { createStripeApiRouter } from './stripe-api-router.ts';
import { apiError } from './stripe-errors.ts';
import type { StandInAccount } from './stripe-route.ts';
import { serveTestControl } from './test-controls.ts';
import { WebhookDispatcher } from './webhook-delivery.ts';

/**
 * Starts a local server speaking Stripe's wire format for the endpoints Threadly uses, with in-memory state, so the
 * real `stripe` SDK can be pointed at it (`new Stripe(key, standIn.sdkConfig)`) in tests and in development.
 */
export async function startStripeStandIn(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const host = options.host ?? '127.0.0.1';
  const store = new StandInStore();
  const idempotency = new IdempotencyLayer();
  const failures = new InjectedFailures();
  const webhooks = new WebhookDispatcher(options.webhook);
  const recorded: RecordedStripeRequest[] = [];
  const account: StandInAccount = {
    store,
    publishEvent(event) {
      event.pending_webhooks = webhooks.deliversAutomatically ? 1 : 0;
      store.events.set(event.id, event);
      return webhooks.publish(event);
    },
  };
  const serveStripeApi = createStripeApiRouter({
    routes: [...paymentIntentRoutes(account), ...refundRoutes(account)],
    apiKeys: options.apiKeys,
    idempotency,
    failures,
    recordRequest: (request) => recorded.push(request),
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    try {
      if (url.pathname.startsWith('/_test/')) await serveTestControl(req, res, url, standIn);
      else await serveStripeApi(req, res, url);
    } catch (error) {
      // A bug of the stand-in, not a Stripe behaviour: answer as Stripe's 500 would and say why on stderr.
      console.error('[stripe-stand-in]', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(apiError().body));
      else res.end();
    }
  });
  const url = await listen(server, options.port ?? 0, host);
  const port = Number(new URL(url).port);
  const sdkConfig = { host, port, protocol: 'http' as const };

  const standIn: StripeStandIn = {
    url,
    host,
    port,
    sdkConfig,
    apiKey: options.apiKeys?.[0] ?? DEFAULT_STAND_IN_API_KEY,
    stripe: (apiKey = standIn.apiKey, config = {}) => new Stripe(apiKey, { ...sdkConfig, ...config }),
    confirmPaymentIntent: (id, outcome) => settlePaymentAttempt(account, id, outcome),
    failNextRequests: (failure) => failures.add(failure),
    deliverWebhook: (events, deliveryOptions) => webhooks.deliver(Array.isArray(events) ? events : [events as Stripe.Event], deliveryOptions),
    configureWebhook: (endpoint) => webhooks.configure(endpoint),
    webhooksSettled: () => webhooks.settled(),
    paymentIntents: storedObjectsView(store.paymentIntents),
    charges: storedObjectsView(store.charges),
    refunds: storedObjectsView(store.refunds),
    events: storedObjectsView(store.events),
    webhookDeliveries: () => webhooks.deliveries(),
    requests: () => structuredClone(recorded),
    reset() {
      store.clear();
      idempotency.clear();
      failures.clear();
      webhooks.clearLog();
      recorded.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return standIn;
}
