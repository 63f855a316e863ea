import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { StripeStandIn, StripeStandInOptions } from './stand-in-api.ts';
import { startStripeStandIn } from './start-stripe-stand-in.ts';

/** One stand-in per test file, reset before each test; `t.stripe` is the real SDK pointed at it. */
export function useStandIn(options?: StripeStandInOptions) {
  const t = {} as { standIn: StripeStandIn; stripe: Stripe };
  beforeAll(async () => {
    t.standIn = await startStripeStandIn(options);
    t.stripe = t.standIn.stripe();
  });
  afterAll(() => t.standIn.stop());
  beforeEach(() => t.standIn.reset());
  return t;
}

/** The error a Stripe call rejects with; fails the test if it resolves. */
export const rejection = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a Stripe error'), (error: unknown) => error);
