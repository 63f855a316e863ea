import { fileURLToPath } from 'node:url';
import { createQueryTimings, type Pool } from '@threadly/database';
import { createOutboxSignal } from '@threadly/events';
import { createLogger, type Logger } from '@threadly/logger';
import { createRealtimePubSub } from '@threadly/pubsub';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { CheckoutService } from './checkout/checkout.service.ts';
import type { CheckoutSettings } from './checkout/checkout-state.ts';
import { createCommerceContextFactory, type CommerceContext } from './context.ts';
import { COMMERCE_DB_SCHEMA, createCommercePrisma } from './database.ts';
import { loadCommerceEnv, type CommerceEnv } from './env.ts';
import { createSubscriptionPublisher } from './events/subscription-publisher.ts';
import { createCatalogReservations, type CatalogReservations } from './payments/catalog-reservations.ts';
import { createPaymentBackground } from './payments/payment-background.ts';
import { createStripeClient, type StripeSettings } from './payments/stripe-client.ts';
import { StripePayments } from './payments/stripe-payments.ts';
import { createStripeWebhookRoute } from './payments/stripe-webhook.route.ts';
import { commerceSchema } from './schema/index.ts';
import { commerceHasData, seedCommerce } from './seed.ts';
import { OrderActionsService } from './services/order-actions.service.ts';

/** Commerce's settings, as its environment gives them (`main.ts`) or a caller passes them (all-in-one start, tests). */
export interface CommerceSettings {
  /** Catalog's GraphQL URL (reservations go to internal routes beside it); a function when catalog starts later. */
  catalogUrl: string | (() => string);
  stripe: StripeSettings;
  checkout: CheckoutSettings;
  /** How often lapsed reservations are cancelled and owed refunds retried. */
  sweepIntervalMs: number;
}

export const commerceSettingsFromEnv = (env: CommerceEnv): CommerceSettings => ({
  catalogUrl: env.CATALOG_SUBGRAPH_URL,
  stripe: { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiBase: env.STRIPE_API_BASE },
  checkout: { reservationMs: env.ORDER_RESERVATION_MINUTES * 60_000, shippingAmount: env.SHIPPING_AMOUNT },
  sweepIntervalMs: env.RESERVATION_SWEEP_SECONDS * 1000,
});

export interface CommerceSubgraphOptions extends Partial<CommerceSettings> {
  pool: Pool;
  identitySecret: string;
  logger?: Logger;
  /** Replaces the calls to catalog's reservation routes (tests pass a fake). */
  reservations?: CatalogReservations;
  /**
   * Subscription fan-out: Redis pub/sub at `redisUrl` (REDIS_URL), shared by every replica, else this process's
   * memory (one process only). `channelPrefix` keeps tests apart.
   */
  realtime?: { redisUrl?: string; channelPrefix?: string };
}

/**
 * Carts, orders and payments: owns `Cart` and `Order`, adds `orders` to `User`, runs checkout against catalog and
 * Stripe, and receives Stripe's webhooks. Settings not given are the development defaults of its environment.
 */
export function createCommerceSubgraph(options: CommerceSubgraphOptions): SubgraphDefinition<CommerceContext> {
  const { pool, identitySecret } = options;
  const settings = { ...commerceSettingsFromEnv(loadCommerceEnv({})), ...definedOnly(options) };
  const logger = options.logger ?? createLogger('commerce');
  const queryTimings = createQueryTimings();
  const prisma = createCommercePrisma(pool, queryTimings);
  const payments = new StripePayments(createStripeClient(settings.stripe));
  const catalogUrl = settings.catalogUrl;
  const reservations =
    options.reservations ?? createCatalogReservations(typeof catalogUrl === 'string' ? () => catalogUrl : catalogUrl, identitySecret);
  // Every order change writes its event to the outbox; ringing this after the commit publishes it at once.
  const outbox = createOutboxSignal();
  const background = createPaymentBackground({ prisma, payments, outbox, logger, sweepIntervalMs: settings.sweepIntervalMs });
  const checkout = new CheckoutService({ prisma, reservations, payments, settings: settings.checkout, outbox, logger });
  const orderActions = new OrderActionsService(prisma, payments, outbox, logger);
  const pubsub = createRealtimePubSub({ ...options.realtime, logger });
  return {
    name: 'commerce',
    schema: commerceSchema,
    queryTimings,
    databaseSchema: COMMERCE_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createCommerceContextFactory(prisma, identitySecret, { checkout, orderActions, pubsub }),
    routes: [
      createStripeWebhookRoute({ prisma, payments, webhookSecret: settings.stripe.webhookSecret, onStored: background.pokeEvents, logger }),
    ],
    outbox: { signal: outbox },
    // Started by the runtime once migrated and serving: the loops query commerce's tables from their first run.
    background: { start: () => background.start(), stop: () => background.stop() },
    subscriptions: { identitySecret, publisher: createSubscriptionPublisher(prisma, pubsub) },
    hasData: () => commerceHasData(prisma),
    seedDemoData: (data) => seedCommerce(prisma, data),
    close: async () => {
      // Already stopped when it was served; a definition used without the runtime never started it.
      await background.stop();
      await pubsub.close();
      await prisma.$disconnect();
    },
  };
}

/** The settings a caller gave (an explicit `undefined` keeps the default). */
function definedOnly(options: Partial<CommerceSettings>): Partial<CommerceSettings> {
  return Object.fromEntries(
    (['catalogUrl', 'stripe', 'checkout', 'sweepIntervalMs'] as const).flatMap((key) => (options[key] === undefined ? [] : [[key, options[key]]])),
  );
}
