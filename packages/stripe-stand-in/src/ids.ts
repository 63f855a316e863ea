import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random base62, the character set of Stripe's ids and secrets. */
function base62(length: number): string {
  // 248 = 4 × 62: discarding bytes above it keeps every character equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A Stripe-style object id: `pi_…`, `ch_…`, `re_…`, `evt_…`, `req_…`. */
export const stripeId = (prefix: string) => `${prefix}_${base62(24)}`;

/** A PaymentIntent's client secret, which Stripe.js needs and which embeds the intent's id. */
export const clientSecretFor = (paymentIntentId: string) => `${paymentIntentId}_secret_${base62(25)}`;

/** Unix seconds, Stripe's timestamp unit. */
export const unixNow = () => Math.floor(Date.now() / 1000);
