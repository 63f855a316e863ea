export { startStripeStandIn } from './start-stripe-stand-in.ts';
export { buildStripeEvent, signStripeEvent, type BuildEventOptions, type StandInEvent, type StandInEventType } from './stripe-events.ts';
export { DEFAULT_STAND_IN_API_KEY } from './authentication.ts';
export type {
  InjectedFailure,
  PaymentOutcome,
  RecordedStripeRequest,
  StoredObjects,
  StripeEndpoint,
  StripeStandIn,
  StripeStandInOptions,
  WebhookDelivery,
  WebhookDeliveryOptions,
  WebhookEndpointConfig,
} from './stand-in-api.ts';
