import {
  commonEnvShape,
  databaseEnvShape,
  DEVELOPMENT_STRIPE_SECRET_KEY,
  eventBusEnvShape,
  DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
  identityHeaderEnvShape,
  parseEnv,
  port,
} from '@threadly/config';
import { tracingEnvShape } from '@threadly/tracing';
import { z } from 'zod';

export const DEFAULT_CATALOG_SUBGRAPH_URL = 'http://127.0.0.1:4002/graphql';

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce.number({ message: 'expected a whole number' }).int().min(min).max(max).default(fallback);

export const commerceEnvShape = {
  ...commonEnvShape,
  ...tracingEnvShape,
  ...databaseEnvShape,
  ...identityHeaderEnvShape,
  ...eventBusEnvShape,
  COMMERCE_PORT: port(4003),
  COMMERCE_HOST: z.string().default('127.0.0.1'),
  /** Catalog, asked (service-signed) to reserve and release products at checkout. */
  CATALOG_SUBGRAPH_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).default(DEFAULT_CATALOG_SUBGRAPH_URL),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'expected a Stripe secret key (sk_test_… or sk_live_…)')
    .default(DEVELOPMENT_STRIPE_SECRET_KEY),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'expected the endpoint signing secret (whsec_…)').default(DEVELOPMENT_STRIPE_WEBHOOK_SECRET),
  /** Where the Stripe SDK sends requests instead of api.stripe.com: the local stand-in in development and tests. */
  STRIPE_API_BASE: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
  ORDER_RESERVATION_MINUTES: wholeNumber(1, 24 * 60, 15),
  /** Shipping charged per order (one order per seller), in minor units of the order's currency. */
  SHIPPING_AMOUNT: wholeNumber(0, 1_000_000, 495),
  /** How often unpaid orders past their reservation are cancelled (and owed refunds retried). */
  RESERVATION_SWEEP_SECONDS: wholeNumber(1, 3600, 30),
};

export type CommerceEnv = ReturnType<typeof loadCommerceEnv>;

/** The only place commerce reads the environment. */
export const loadCommerceEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(commerceEnvShape, source);
