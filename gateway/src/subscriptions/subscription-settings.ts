import { z } from 'zod';

const count = (fallback: number, max: number) =>
  z.coerce.number({ message: 'expected a whole number' }).int().min(1, 'expected at least 1').max(max, `expected at most ${max}`).default(fallback);

/** The gateway's subscription variables; spread into the gateway's env shape. */
export const subscriptionEnvShape = {
  SUBSCRIPTIONS_MAX_PER_CONNECTION: count(20, 1000),
  SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: count(10, 10_000),
  SUBSCRIPTIONS_MAX_PENDING_EVENTS: count(100, 100_000),
  SUBSCRIPTIONS_KEEPALIVE_SECONDS: count(12, 3600),
  SUBSCRIPTIONS_ACCOUNT_CHECK_SECONDS: count(30, 3600),
};

/** Limits and timings of the WebSocket endpoint. */
export interface SubscriptionSettings {
  /** Active subscriptions one connection may hold; one more is refused with an `error` message. */
  maxPerConnection: number;
  /** Open connections per signed-in user (per partner, per address for anonymous clients) on one gateway. */
  maxConnectionsPerUser: number;
  /** Events of one subscription waiting for a slow client before the connection is closed with 1013. */
  maxPendingEvents: number;
  /** Ping interval; a client that has not answered by the next ping is dropped. */
  keepAliveMs: number;
  /** How often each connection's account is checked again with identity (deleted, key revoked). */
  accountCheckMs: number;
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = {
  maxPerConnection: 20,
  maxConnectionsPerUser: 10,
  maxPendingEvents: 100,
  keepAliveMs: 12_000,
  accountCheckMs: 30_000,
};

type SubscriptionEnv = z.infer<z.ZodObject<typeof subscriptionEnvShape>>;

export const subscriptionSettingsFromEnv = (env: SubscriptionEnv): SubscriptionSettings => ({
  maxPerConnection: env.SUBSCRIPTIONS_MAX_PER_CONNECTION,
  maxConnectionsPerUser: env.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER,
  maxPendingEvents: env.SUBSCRIPTIONS_MAX_PENDING_EVENTS,
  keepAliveMs: env.SUBSCRIPTIONS_KEEPALIVE_SECONDS * 1000,
  accountCheckMs: env.SUBSCRIPTIONS_ACCOUNT_CHECK_SECONDS * 1000,
});
