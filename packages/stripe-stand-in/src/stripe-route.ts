import type Stripe from 'stripe';
import type { FormParams } from './form-decoding.ts';
import type { StripeEndpoint } from './stand-in-api.ts';
import type { StandInStore } from './stand-in-store.ts';

/** What the API request being served carries into the events it causes (Event `request`). */
export interface StripeCallContext {
  requestId: string;
  idempotencyKey: string | null;
}

/** The account an endpoint acts on: its objects, and where the events of its state changes go. */
export interface StandInAccount {
  store: StandInStore;
  /** Records the event and starts its automatic delivery; resolves when that delivery is answered (at once if none). */
  publishEvent(event: Stripe.Event): Promise<void>;
}

/** The work of a request once its parameters are valid; what it returns (or throws) is saved under the idempotency key. */
export type PreparedCall = () => unknown;

/** One Stripe API endpoint the stand-in serves. */
export interface StripeRoute {
  endpoint: StripeEndpoint;
  method: 'GET' | 'POST';
  /** Matches the URL path; a named group `id` captures the object id. */
  path: RegExp;
  /**
   * Validates the request and returns the work to do. Failing here is not saved for the idempotency key: Stripe saves
   * results only once an endpoint started executing.
   */
  prepare(params: FormParams, pathId: string | undefined, call: StripeCallContext): PreparedCall;
}
