import Stripe from 'stripe';

export interface StripeSettings {
  secretKey: string;
  /** The endpoint signing secret (`whsec_…`) webhook deliveries are verified with. */
  webhookSecret: string;
  /** Another API origin than api.stripe.com (the local stand-in); production leaves it unset. */
  apiBase?: string;
}

/**
 * The real Stripe SDK. `apiBase` points it elsewhere through the SDK's own host/port/protocol options, which is
 * how development and tests reach the stand-in: the requests stay exactly those production sends.
 */
export function createStripeClient({ secretKey, apiBase }: Pick<StripeSettings, 'secretKey' | 'apiBase'>): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  const protocol = base?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    // Network failures are retried by the SDK with the same idempotency key, so a retry never pays twice.
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...(base ? { host: base.hostname, port: base.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
  });
}
