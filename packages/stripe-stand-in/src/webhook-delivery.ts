import type Stripe from 'stripe';
import type { WebhookDelivery, WebhookDeliveryOptions, WebhookEndpointConfig } from './stand-in-api.ts';
import { signStripeEvent } from './stripe-events.ts';
import { invalidRequest } from './stripe-errors.ts';

const DELIVERY_TIMEOUT_MS = 10_000;

/** A body that no longer matches its signature: the object's amount (or the event's time) changed after signing. */
function tamperedPayload(event: Stripe.Event): string {
  const copy = structuredClone(event) as Stripe.Event & { data: { object: { amount?: unknown } } };
  if (typeof copy.data.object.amount === 'number') copy.data.object.amount *= 100;
  else copy.created += 1;
  return JSON.stringify(copy, null, 2);
}

/** POSTs one event the way Stripe does, signed with `secret`, or forged as `options.tamper` says. */
async function postEvent(url: string, secret: string, event: Stripe.Event, options: WebhookDeliveryOptions): Promise<WebhookDelivery> {
  const signed = signStripeEvent(event, secret, options.timestamp);
  const payload = options.tamper === 'payload' ? tamperedPayload(event) : signed.payload;
  // A forger without the endpoint's secret can only sign with some other secret.
  const header = options.tamper === 'signature' ? signStripeEvent(event, `${secret}_forged`, options.timestamp).header : signed.header;
  const base = { eventId: event.id, eventType: event.type, url, tampered: options.tamper !== undefined };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'cache-control': 'no-cache',
        'stripe-signature': header,
      },
      body: payload,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    return { ...base, status: response.status, responseBody: await response.text() };
  } catch (error) {
    return { ...base, status: null, responseBody: '', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Delivers events to a webhook endpoint and keeps a log of every delivery. Automatic deliveries are made once, in the
 * order the events happened; Stripe's retries of a failed delivery over the following days are left out: a test
 * redelivers with `deliver` when it wants one.
 */
export class WebhookDispatcher {
  private endpoint: WebhookEndpointConfig | null;
  private readonly log: WebhookDelivery[] = [];
  /** The last automatic delivery; the next one starts when it ends (delivery failures are logged, never thrown). */
  private queue: Promise<void> = Promise.resolve();

  constructor(endpoint: WebhookEndpointConfig | undefined) {
    this.endpoint = endpoint ?? null;
  }

  configure(endpoint: WebhookEndpointConfig | null) {
    this.endpoint = endpoint;
  }

  get deliversAutomatically(): boolean {
    return this.endpoint !== null && (this.endpoint.delivery ?? 'automatic') === 'automatic';
  }

  /**
   * Delivers a state change's event if deliveries are automatic, after the ones before it (so automatic deliveries
   * arrive in the order things happened); resolves when it was answered.
   */
  publish(event: Stripe.Event): Promise<void> {
    if (!this.endpoint || !this.deliversAutomatically) return Promise.resolve();
    // The endpoint of the moment the event happened, even if the test reconfigures it before the delivery starts.
    const { url, secret } = this.endpoint;
    const delivery = this.queue.then(() => this.deliver([event], { url, secret })).then(
      () => undefined,
      () => undefined,
    );
    this.queue = delivery;
    return delivery;
  }

  async deliver(events: readonly Stripe.Event[], options: WebhookDeliveryOptions = {}): Promise<WebhookDelivery[]> {
    const url = options.url ?? this.endpoint?.url;
    const secret = options.secret ?? this.endpoint?.secret;
    if (!url || !secret) throw invalidRequest('No webhook endpoint: pass `webhook` to startStripeStandIn, call configureWebhook, or give url and secret.');
    const ordered = options.order === 'reversed' ? [...events].reverse() : events;
    const deliveries: WebhookDelivery[] = [];
    // One at a time, like Stripe's attempts for one endpoint, so "reversed" really arrives reversed.
    for (const event of ordered) {
      for (let attempt = 0; attempt < (options.duplicate ? 2 : 1); attempt += 1) {
        const delivery = await postEvent(url, secret, event, options);
        this.log.push(delivery);
        deliveries.push(delivery);
      }
    }
    return deliveries;
  }

  /** Resolves when every automatic delivery started so far has been answered. */
  settled(): Promise<void> {
    return this.queue;
  }

  deliveries = (): WebhookDelivery[] => structuredClone(this.log);

  clearLog() {
    this.log.length = 0;
  }
}
