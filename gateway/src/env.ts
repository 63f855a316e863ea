import { commonEnvShape, eventBusEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { tracingEnvShape } from '@threadly/tracing';
import { z } from 'zod';
import { clerkEnvShape } from './auth/clerk-env.ts';
import { responseCacheEnvShape } from './cache/response-cache-env.ts';
import { edgeEnvShape } from './edge/edge-env.ts';
import { hotPathEnvShape } from './hot-path-env.ts';
import { subscriptionEnvShape } from './subscriptions/subscription-settings.ts';
import { persistedOperationsEnvShape } from './plugins/persisted-operations-env.ts';

const subgraphUrl = (fallback: string) => z.url({ message: 'expected an http(s) URL of a subgraph /graphql endpoint' }).default(fallback);

export const gatewayEnvShape = {
  ...commonEnvShape,
  ...tracingEnvShape,
  ...identityHeaderEnvShape,
  GATEWAY_PORT: port(4000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  /** Where the Apollo Router coprocessor listens (`npm run router:coprocessor`; router.yaml's coprocessor.url). */
  ROUTER_COPROCESSOR_PORT: port(8081),
  IDENTITY_URL: subgraphUrl('http://127.0.0.1:4001/graphql'),
  /**
   * While identity cannot be reached, how long after identity last answered for a signed-in user or partner key the
   * gateway keeps using that answer (the token is still verified each time); 0 turns it off. See README "Failure handling".
   */
  IDENTITY_STALE_SESSION_SECONDS: z.coerce.number({ message: 'expected seconds' }).int().min(0).max(86_400, 'expected at most 86400 (one day)').default(900),
  CATALOG_URL: subgraphUrl('http://127.0.0.1:4002/graphql'),
  COMMERCE_URL: subgraphUrl('http://127.0.0.1:4003/graphql'),
  MESSAGING_URL: subgraphUrl('http://127.0.0.1:4004/graphql'),
  /** The subgraphs' event stream, whose change events purge the response cache (same value as theirs). */
  EVENT_STREAM: eventBusEnvShape.EVENT_STREAM,
  ...clerkEnvShape,
  // The largest legitimate operation (with its variables) is a few kB; more is refused with 413 before parsing.
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(100_000),
  ...edgeEnvShape,
  ...responseCacheEnvShape,
  ...hotPathEnvShape,
  ...subscriptionEnvShape,
  ...persistedOperationsEnvShape,
};

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

/** The only place the gateway reads the environment. */
export const loadGatewayEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(gatewayEnvShape, source);

/**
 * @apollo/gateway sends anonymous usage metrics to Apollo and, to label them, probes cloud metadata addresses
 * (AWS, GCP, Azure) unless this variable is set when the gateway is constructed. Threadly sends nothing to third
 * parties from its servers, and these machines may only talk to loopback, so it is always off.
 */
export function disableApolloUsageTelemetry() {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}
