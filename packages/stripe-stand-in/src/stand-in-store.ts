import type Stripe from 'stripe';
import type { StoredObjects } from './stand-in-api.ts';

/** The stand-in's whole account state, in memory: one Stripe account in test mode. */
export class StandInStore {
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly refunds = new Map<string, Stripe.Refund>();
  readonly events = new Map<string, Stripe.Event>();

  clear() {
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.events.clear();
  }
}

/** A read-only view over one of the store's maps: every read is a copy, as an API response would be. */
export const storedObjectsView = <T>(objects: ReadonlyMap<string, T>): StoredObjects<T> => ({
  get: (id) => {
    const object = objects.get(id);
    return object === undefined ? undefined : structuredClone(object);
  },
  list: () => [...objects.values()].map((object) => structuredClone(object)),
});
