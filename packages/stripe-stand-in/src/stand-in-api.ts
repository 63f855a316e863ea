import type Stripe from 'stripe';

/** An endpoint of the stand-in's Stripe API, as its route pattern; injected failures and the request log name endpoints this way. */
export type StripeEndpoint =
  | 'POST /v1/payment_intents'
  | 'GET /v1/payment_intents/:id'
  | 'POST /v1/payment_intents/:id/cancel'
  | 'POST /v1/refunds';

/** Where state-change events go and the endpoint's signing secret (`whsec_…`), as configured on a Stripe webhook endpoint. */
export interface WebhookEndpointConfig {
  url: string;
  secret: string;
  /**
   * `automatic` (default): every state change is delivered as it happens, once, like Stripe does on the first attempt.
   * `manual`: events are only recorded (`standIn.events`), for a test to deliver itself with `deliverWebhook`.
   */
  delivery?: 'automatic' | 'manual';
}

export interface StripeStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  webhook?: WebhookEndpointConfig;
  /** The only API keys accepted; by default any test-mode key (`sk_test_…`) is, and live-mode keys are refused. */
  apiKeys?: readonly string[];
}

/** How a payment attempt on a PaymentIntent ends (the test control standing in for the customer's card). */
export type PaymentOutcome = 'succeeded' | 'failed';

export interface InjectedFailure {
  /** Which endpoint fails; every Stripe endpoint when absent. */
  endpoint?: StripeEndpoint;
  /**
   * `api_error`: a 500 with Stripe's `api_error` body. `connection_drop`: the socket is destroyed without a response
   * (the SDK sees ECONNRESET).
   */
  failure: 'api_error' | 'connection_drop';
  /** How many matching requests fail, default 1. The SDK's retries are requests too (see README of this package). */
  count?: number;
  /**
   * Fail after the request took effect instead of before (the response is lost, the PaymentIntent or Refund exists):
   * the case a caller's compensation must handle. Default false.
   */
  afterProcessing?: boolean;
}

export interface WebhookDeliveryOptions {
  /** Default: the configured endpoint. */
  url?: string;
  secret?: string;
  /** Deliver each event twice in a row (Stripe delivers at least once). */
  duplicate?: boolean;
  /** `reversed` delivers a list of events last first (Stripe does not guarantee order). Default `as-given`. */
  order?: 'as-given' | 'reversed';
  /** Corrupt the signature (`signature`) or change the body after signing (`payload`): a forged delivery. */
  tamper?: 'signature' | 'payload';
  /** Unix seconds to sign with; default now. An old one tests the receiver's timestamp tolerance. */
  timestamp?: number;
}

export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  url: string;
  /** The receiver's HTTP status; null when the request itself failed (`error`). */
  status: number | null;
  responseBody: string;
  error?: string;
  tampered: boolean;
}

/** What one request to the stand-in's Stripe API looked like, for assertions (e.g. one idempotency key per checkout attempt). */
export interface RecordedStripeRequest {
  endpoint: StripeEndpoint;
  path: string;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  params: Record<string, unknown>;
  status: number | 'connection_dropped';
}

/** A read-only view of stored objects: copies, so a test cannot change the stand-in's state by accident. */
export interface StoredObjects<T> {
  get(id: string): T | undefined;
  list(): T[];
}

export interface StripeStandIn {
  /** `http://host:port`, the stand-in's base URL. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The SDK options that point a `new Stripe(key, …)` at this stand-in: `{ host, port, protocol: 'http' }`. */
  readonly sdkConfig: { host: string; port: number; protocol: 'http' };
  /** An API key the stand-in accepts. */
  readonly apiKey: string;
  /** A real `stripe` SDK client configured for this stand-in; `config` overrides (e.g. `maxNetworkRetries`). */
  stripe(apiKey?: string, config?: Stripe.StripeConfig): Stripe;
  /** Ends a payment attempt as the customer's card would; emits (and, if configured, delivers) the matching event. */
  confirmPaymentIntent(id: string, outcome: PaymentOutcome): Promise<Stripe.PaymentIntent>;
  failNextRequests(failure: InjectedFailure): void;
  /** Signs and POSTs events to the webhook endpoint (or `options.url`), returning what the receiver answered. */
  deliverWebhook(events: Stripe.Event | readonly Stripe.Event[], options?: WebhookDeliveryOptions): Promise<WebhookDelivery[]>;
  /** Sets (or with null removes) the webhook endpoint, e.g. once the receiving server knows its port. */
  configureWebhook(endpoint: WebhookEndpointConfig | null): void;
  /** Resolves when every automatic delivery started so far has been answered. */
  webhooksSettled(): Promise<void>;
  readonly paymentIntents: StoredObjects<Stripe.PaymentIntent>;
  readonly charges: StoredObjects<Stripe.Charge>;
  readonly refunds: StoredObjects<Stripe.Refund>;
  /** Every event emitted for a state change, oldest first. */
  readonly events: StoredObjects<Stripe.Event>;
  readonly webhookDeliveries: () => WebhookDelivery[];
  readonly requests: () => RecordedStripeRequest[];
  /** Forgets every object, idempotency key, injected failure, event and recorded request. */
  reset(): void;
  stop(): Promise<void>;
}
