import { userText } from '@threadly/user-text';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { CheckoutResult } from '../checkout/checkout.service.ts';
import { OrderType } from './order.ts';

// The seller reads the address to ship: plain text, markup removed (see @threadly/user-text).
const line = (max: number) => userText({ min: 1, max });

const ShippingAddressInput = builder.inputType('ShippingAddressInput', {
  description: 'Where the orders of a checkout are shipped.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Recipient name, up to 100 characters.', validate: line(100) }),
    line1: t.string({ required: true, description: 'Street and number, up to 200 characters.', validate: line(200) }),
    line2: t.string({
      description: 'Apartment, floor, c/o; up to 200 characters.',
      validate: userText({ min: 0, max: 200 })
        .nullish()
        .transform((value) => value || null),
    }),
    city: t.string({ required: true, description: 'City or town, up to 100 characters.', validate: line(100) }),
    postalCode: t.string({ required: true, description: 'Postal or ZIP code, up to 20 characters.', validate: line(20) }),
    country: t.string({
      required: true,
      description: 'ISO 3166-1 alpha-2 code, e.g. DE.',
      validate: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'must be a two-letter country code, e.g. DE'),
    }),
  }),
});

const CheckoutInput = builder.inputType('CheckoutInput', {
  description: 'What checkout needs besides the cart.',
  fields: (t) => ({
    shippingAddress: t.field({ type: ShippingAddressInput, required: true }),
  }),
});

const CheckoutResultType = builder.objectRef<CheckoutResult>('CheckoutResult').implement({
  description: 'The orders a checkout placed and how to pay for them.',
  fields: (t) => ({
    orders: t.field({
      type: [OrderType],
      description: 'One order per seller, PENDING_PAYMENT until the payment succeeds.',
      resolve: (result) => result.orders,
    }),
    clientSecret: t.exposeString('clientSecret', { description: "The PaymentIntent's client secret, for Stripe.js to confirm the payment." }),
    paymentIntentId: t.exposeString('paymentIntentId', { description: 'The Stripe PaymentIntent paying for all the orders.' }),
  }),
});

builder.mutationFields((t) => ({
  checkout: t.authField({
    type: CheckoutResultType,
    description:
      "Places the signed-in buyer's cart: reserves every product (all or none: PRODUCT_UNAVAILABLE names those that are gone), " +
      'creates one order per seller and a Stripe PaymentIntent for their total, and empties the cart. Unpaid orders are ' +
      'cancelled when the reservation lapses. If anything fails, nothing is left behind.',
    args: { input: t.arg({ type: CheckoutInput, required: true }) },
    authScopes: { signedIn: true },
    resolve: (_root, { input }, ctx) => ctx.checkout.checkout(ctx.viewer.userId, input.shippingAddress),
  }),
}));
