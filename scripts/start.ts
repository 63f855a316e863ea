// `npm start`: the whole supergraph in one process on embedded defaults (PGlite under DATA_DIR, demo data),
// or against real servers when DATABASE_URL is set. Each part also runs alone via its own `src/main.ts`.
import { resolve } from 'node:path';
import { booleanString, databaseEnvShape, eventBusEnvShape, loadConfigOrExit, parseEnv } from '@threadly/config';
import { catalogEnvShape, catalogSearchSettingsFromEnv } from '@threadly/catalog';
import { commerceEnvShape, commerceSettingsFromEnv } from '@threadly/commerce';
import { resolveDatabase } from '@threadly/database';
import { createEventTransport } from '@threadly/events';
import { startStripeStandIn } from '@threadly/stripe-stand-in';
import { clerkSessionOptionsFromEnv, createGatewayRateLimit, createPersistedOperations, edgeOptionsFromEnv, gatewayEnvShape } from '@threadly/gateway';
import { identityEnvShape } from '@threadly/identity';
import { startLocalSupergraph } from '@threadly/local-supergraph';
import { createLogger } from '@threadly/logger';
import { messagingEnvShape } from '@threadly/messaging';
import { startTracing, tracingOptionsFromEnv } from '@threadly/tracing';
import { z } from 'zod';

const startEnvShape = {
  ...identityEnvShape,
  ...catalogEnvShape,
  ...commerceEnvShape,
  ...messagingEnvShape,
  ...gatewayEnvShape,
  ...databaseEnvShape,
  ...eventBusEnvShape,
  DATA_DIR: z.string().default('.data'),
  /** Where the development Stripe stand-in listens; the web app's dev server pays test checkouts through it. */
  STRIPE_STAND_IN_PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(12111),
  SEED_DEMO_DATA: booleanString.optional(),
};

const env = loadConfigOrExit(() => parseEnv(startEnvShape, process.env));
// One process, one service name in traces (spans still say which subgraph served an operation). Started before any
// logger exists: their lines carry trace ids only if it is on by then.
const tracing = await startTracing(tracingOptionsFromEnv(env, 'threadly'));

const log = createLogger('start', env.LOG_LEVEL);
const progress = (step: string) => console.log(`  … ${step}`);
const started = Date.now();

console.log(env.DATABASE_URL ? 'Threadly: using PostgreSQL at DATABASE_URL' : `Threadly: embedded PostgreSQL (PGlite) in ${resolve(env.DATA_DIR, 'pglite')}`);
const database = await resolveDatabase({
  url: env.DATABASE_URL,
  directUrl: env.DATABASE_DIRECT_URL,
  poolSize: env.DATABASE_POOL_SIZE,
  embeddedDataDir: resolve(env.DATA_DIR, 'pglite'),
  onPoolError: (err) => log.warn({ err }, 'database connection lost; reconnecting on next query'),
});

const edge = edgeOptionsFromEnv(env);
// Redis-backed when REDIS_URL is set (shared with other gateways), in this process otherwise.
const rateLimit = await createGatewayRateLimit({ redisUrl: edge.redisUrl, limits: edge.rateLimits, logger: createLogger('gateway', env.LOG_LEVEL) });
// Partners run their manifest only; first-party clients by PERSISTED_OPERATIONS_MODE (open in development, for Sandbox).
const persistedOperations = await createPersistedOperations(env, { redisUrl: edge.redisUrl, logger: createLogger('gateway', env.LOG_LEVEL) });

// Redis Streams when REDIS_URL is set (other processes and replicas can consume), in this process otherwise.
const events = createEventTransport(env.REDIS_URL, createLogger('events', env.LOG_LEVEL), env.EVENT_STREAM);

// Stripe's API is not reachable without keys and a network: in development, commerce pays through the project's
// stand-in (Stripe's wire format, test-mode payments), which sends its webhooks to the gateway like Stripe would.
const commerceSettings = commerceSettingsFromEnv(env);
const stripeStandIn =
  !env.STRIPE_API_BASE && env.NODE_ENV !== 'production' ? await startStripeStandIn({ port: env.STRIPE_STAND_IN_PORT }) : undefined;
if (stripeStandIn) commerceSettings.stripe = { ...commerceSettings.stripe, apiBase: stripeStandIn.url };

let supergraph: Awaited<ReturnType<typeof startLocalSupergraph>>;
try {
  supergraph = await startLocalSupergraph({
    pool: database.pool,
    migrationPool: database.migrationPool,
    identitySecret: env.IDENTITY_HEADER_SECRET,
    ports: {
      gateway: env.GATEWAY_PORT,
      identity: env.IDENTITY_PORT,
      catalog: env.CATALOG_PORT,
      commerce: env.COMMERCE_PORT,
      messaging: env.MESSAGING_PORT,
    },
    host: env.GATEWAY_HOST,
    production: env.NODE_ENV === 'production',
    clerk: clerkSessionOptionsFromEnv(env),
    clerkWebhookSigningSecret: env.CLERK_WEBHOOK_SIGNING_SECRET,
    seedWhenEmpty: env.SEED_DEMO_DATA ?? env.NODE_ENV !== 'production',
    slowQueryMs: env.SLOW_QUERY_MS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    // Redis when REDIS_URL is set (shared with other gateways), an in-process LRU otherwise.
    responseCache: env.RESPONSE_CACHE_ENABLED ? { redisUrl: env.REDIS_URL } : undefined,
    edge: { enforceRateLimit: rateLimit.enforce, operationLimits: edge.operationLimits, corsOrigins: edge.corsOrigins, trustedProxyHops: edge.trustedProxyHops, persistedOperations: persistedOperations.options },
    loggerFor: (component) => createLogger(component, env.LOG_LEVEL),
    events,
    // Meilisearch when MEILI_HOST is set, PostgreSQL full-text otherwise; the search cache in Redis with REDIS_URL.
    catalogSearch: catalogSearchSettingsFromEnv(env),
    commerce: { stripe: commerceSettings.stripe, checkout: commerceSettings.checkout, sweepIntervalMs: commerceSettings.sweepIntervalMs },
    onProgress: progress,
  });
  stripeStandIn?.configureWebhook({
    url: new URL('/webhooks/stripe', supergraph.gatewayUrl).toString(),
    secret: commerceSettings.stripe.webhookSecret,
    delivery: 'automatic',
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Could not start: a port is already in use (${(error as Error).message}). Stop the other process or set GATEWAY_PORT / IDENTITY_PORT / … to free ports.`
      : `Could not start: ${(error as Error).message}`,
  );
  await rateLimit.close();
  await persistedOperations.close();
  await events.close();
  await stripeStandIn?.stop();
  await database.close();
  process.exit(1);
}

console.log(`\nThreadly supergraph ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`  Apollo Sandbox:  ${supergraph.gatewayUrl}`);
for (const [name, url] of Object.entries(supergraph.subgraphUrls)) console.log(`  ${name.padEnd(15)} ${url}`);
if (stripeStandIn) console.log(`  Stripe stand-in ${stripeStandIn.url} (test-mode payments; see README "Checkout and payments")`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await supergraph.stop();
    await events.close();
    await rateLimit.close();
    await persistedOperations.close();
    await stripeStandIn?.stop();
    await database.close();
    await tracing.shutdown();
    console.log('Stopped.');
    process.exit(0);
  });
}
