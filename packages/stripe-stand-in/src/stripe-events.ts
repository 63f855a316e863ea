import Stripe from 'stripe';
import { stripeId, unixNow } from './ids.ts';

/** The events the stand-in emits for state changes, with the object each carries. */
export type StandInEvent =
  | Stripe.PaymentIntentSucceededEvent
  | Stripe.PaymentIntentPaymentFailedEvent
  | Stripe.PaymentIntentCanceledEvent
  | Stripe.ChargeRefundedEvent;
export type StandInEventType = StandInEvent['type'];
type EventOfType<Type extends StandInEventType> = Extract<StandInEvent, { type: Type }>;

export interface BuildEventOptions<Type extends StandInEventType> {
  /** The API request that caused the event; null for changes Stripe makes on its own (a card payment settling). */
  request?: { id: string | null; idempotency_key: string | null };
  previousAttributes?: Partial<EventOfType<Type>['data']['object']>;
  /** How many endpoints the event is pending delivery to. */
  pendingWebhooks?: number;
}

/**
 * A Stripe Event (`evt_…`) as Stripe delivers it: a snapshot of `object` in `data.object`, the API version the payload
 * is rendered in, and the request that caused it.
 */
export function buildStripeEvent<Type extends StandInEventType>(
  type: Type,
  object: EventOfType<Type>['data']['object'],
  options: BuildEventOptions<Type> = {},
): EventOfType<Type> {
  const event = {
    id: stripeId('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: unixNow(),
    data: {
      object: structuredClone(object),
      ...(options.previousAttributes ? { previous_attributes: structuredClone(options.previousAttributes) } : {}),
    },
    livemode: false,
    pending_webhooks: options.pendingWebhooks ?? 0,
    request: options.request ?? { id: null, idempotency_key: null },
    type,
  };
  // TypeScript cannot narrow a generic `type` to one member of the union; the literal above matches every member.
  return event as unknown as EventOfType<Type>;
}

/**
 * The body and `Stripe-Signature` header Stripe would send for `event`: the JSON Stripe posts (pretty-printed, as
 * Stripe does) and `t=<timestamp>,v1=<HMAC-SHA256 of "t.payload">`, computed by the SDK's own signer.
 */
export function signStripeEvent(event: Stripe.Event, secret: string, timestamp: number = unixNow()): { payload: string; header: string } {
  const payload = JSON.stringify(event, null, 2);
  return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) };
}
