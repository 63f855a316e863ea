import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

export const port = (fallback: number) =>
  z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(fallback);

/** Variables every process reads. */
export const commonEnvShape = {
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'expected development, test or production' }).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * How long a process may take to stop after SIGTERM/SIGINT (drain requests, complete subscriptions, publish its
   * outbox) before it exits anyway, with status 1. Below the orchestrator's own kill timeout (Kubernetes: 30 s).
   */
  SHUTDOWN_GRACE_MS: z.coerce.number({ message: 'expected milliseconds' }).int().min(100).max(600_000).default(10_000),
  /** Lame duck: after SIGTERM, keep answering with `Connection: close` this long before closing the listener. */
  SHUTDOWN_DRAIN_MS: z.coerce.number({ message: 'expected milliseconds' }).int().min(0).max(60_000).default(1_000),
};

export type CommonEnv = z.infer<z.ZodObject<typeof commonEnvShape>>;

/** Variables of a process that owns a database schema. */
export const databaseEnvShape = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL')
    .optional(),
  /**
   * A direct connection to PostgreSQL, for what needs a session of its own: migrations (a session advisory lock
   * and `SET search_path` across statements). Set it when DATABASE_URL points at a transaction-mode pooler
   * (PgBouncer, a managed pooler); unset, migrations use DATABASE_URL.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ message: 'expected a whole number' }).int().min(1).max(200).default(10),
  MIGRATE_ON_START: booleanString.default(true),
  /** Load demo data into an empty database at start; unset means yes outside production. */
  SEED_DEMO_DATA: booleanString.optional(),
  /** Database operations slower than this (ms) are counted in `slow_queries_total` and logged at warn. */
  SLOW_QUERY_MS: z.coerce.number({ message: 'expected a number of milliseconds' }).int().min(1).max(600_000).default(500),
};

/**
 * REDIS_URL: one Redis server, or — with `?cluster=true` — a seed node of a Redis Cluster, from which ioredis
 * learns the other nodes (see @threadly/redis-connection). Every process reads it the same way.
 */
export const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
  .refine((url) => URL.canParse(url), 'expected a redis:// or rediss:// URL')
  .refine((url) => !URL.canParse(url) || ['true', 'false', null].includes(new URL(url).searchParams.get('cluster')), 'expected ?cluster=true or ?cluster=false');

/** Variables of a process that publishes or consumes domain events (every subgraph, `npm start`). */
export const eventBusEnvShape = {
  /** Redis Streams carry events between processes; unset, they stay inside the process (embedded mode). */
  REDIS_URL: redisUrl.optional(),
  /**
   * The Redis stream every process of one deployment shares. Its consumer groups are named per subgraph, so two
   * deployments on one Redis (staging beside production, or test runs) each need their own stream.
   */
  EVENT_STREAM: z.string().min(1).default('threadly:events'),
};

/**
 * Development signing secret for Clerk webhooks (Svix `whsec_` + base64 key): tests sign deliveries with it and the
 * embedded stack accepts them with no setup; production refuses it (see `assertProductionSafe`).
 */
export const DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET = 'whsec_dGhyZWFkbHktZGV2ZWxvcG1lbnQtY2xlcmstd2ViaG9vay1rZXk=';

/**
 * The secret the gateway signs viewer identity with and subgraphs verify. The development default lets the
 * embedded stack run with no setup; production refuses it (see `assertProductionSafe`).
 */
export const DEVELOPMENT_IDENTITY_SECRET = 'threadly-development-identity-secret-not-for-production';
export const identityHeaderEnvShape = {
  IDENTITY_HEADER_SECRET: z
    .string()
    .min(32, 'expected at least 32 characters')
    .default(DEVELOPMENT_IDENTITY_SECRET),
};

export { booleanString };

/**
 * Development Stripe credentials: a test-mode key the local Stripe stand-in accepts and the secret it signs webhook
 * deliveries with, so checkout runs with no setup; production refuses both (see `assertProductionSafe`).
 */
export const DEVELOPMENT_STRIPE_SECRET_KEY = 'sk_test_threadly_development';
export const DEVELOPMENT_STRIPE_WEBHOOK_SECRET = 'whsec_threadly_development_stripe_webhook_secret';
