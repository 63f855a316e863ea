import { booleanString, commonEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { z } from 'zod';

const subgraphUrl = (fallback: string) => z.url({ message: 'expected an http(s) URL of a subgraph /graphql endpoint' }).default(fallback);

export const gatewayEnvShape = {
  ...commonEnvShape,
  ...identityHeaderEnvShape,
  GATEWAY_PORT: port(4000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  IDENTITY_URL: subgraphUrl('http://127.0.0.1:4001/graphql'),
  CATALOG_URL: subgraphUrl('http://127.0.0.1:4002/graphql'),
  COMMERCE_URL: subgraphUrl('http://127.0.0.1:4003/graphql'),
  MESSAGING_URL: subgraphUrl('http://127.0.0.1:4004/graphql'),
  /** Lets a request act as any user with `x-dev-user-id` until Clerk sign-in lands; never in production. */
  DEV_IMPERSONATION: booleanString.default(false),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
};

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

/** The only place the gateway reads the environment. */
export const loadGatewayEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(gatewayEnvShape, source);
