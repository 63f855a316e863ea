import { z } from 'zod';
import { redisUrl } from '@threadly/config';
import { DEVELOPMENT_CORS_ORIGINS } from './cors-hook.ts';
import type { OperationLimits } from './operation-limits.ts';
import type { RateLimits } from './rate-limit-policy.ts';

const count = (fallback: number, max: number) =>
  z.coerce.number({ message: 'expected a whole number' }).int().min(1, 'expected at least 1').max(max, `expected at most ${max}`).default(fallback);

const isOrigin = (value: string) => URL.canParse(value) && new URL(value).origin === value;

/** The gateway's edge-protection variables; spread into the gateway's env shape. Defaults are in the README. */
export const edgeEnvShape = {
  /** Shared rate-limit buckets for every gateway replica; unset keeps them in the gateway's memory. */
  REDIS_URL: redisUrl.optional(),
  RATE_LIMIT_WINDOW_SECONDS: count(60, 86_400),
  RATE_LIMIT_USER: count(300, 1_000_000),
  RATE_LIMIT_ANONYMOUS: count(120, 1_000_000),
  RATE_LIMIT_PARTNER: count(600, 1_000_000),
  /** Reverse proxies in front of the gateway that append to X-Forwarded-For; 0 trusts only the socket address. */
  TRUSTED_PROXY_HOPS: z.coerce.number({ message: 'expected a whole number' }).int().min(0).max(5).default(0),
  GRAPHQL_MAX_DEPTH: count(12, 100),
  GRAPHQL_MAX_ALIASES: count(15, 1000),
  GRAPHQL_MAX_ROOT_FIELDS: count(10, 1000),
  GRAPHQL_MAX_DIRECTIVES: count(50, 1000),
  GRAPHQL_MAX_TOKENS: count(2000, 100_000),
  /** Browser origins allowed to call the API with credentials; unset: local web clients in development, none in production. */
  CORS_ORIGINS: z
    .string()
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every(isOrigin), 'expected comma-separated origins such as https://threadly.app (scheme, host and port only)')
    .optional(),
};

type EdgeEnv = z.infer<z.ZodObject<typeof edgeEnvShape>> & { NODE_ENV: string };

export interface EdgeOptions {
  redisUrl: string | undefined;
  rateLimits: RateLimits;
  operationLimits: OperationLimits;
  corsOrigins: string[];
  trustedProxyHops: number;
}

export const edgeOptionsFromEnv = (env: EdgeEnv): EdgeOptions => ({
  redisUrl: env.REDIS_URL,
  trustedProxyHops: env.TRUSTED_PROXY_HOPS,
  rateLimits: {
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    user: env.RATE_LIMIT_USER,
    anonymous: env.RATE_LIMIT_ANONYMOUS,
    partner: env.RATE_LIMIT_PARTNER,
  },
  operationLimits: {
    depth: env.GRAPHQL_MAX_DEPTH,
    aliases: env.GRAPHQL_MAX_ALIASES,
    rootFields: env.GRAPHQL_MAX_ROOT_FIELDS,
    directives: env.GRAPHQL_MAX_DIRECTIVES,
    tokens: env.GRAPHQL_MAX_TOKENS,
  },
  corsOrigins: env.CORS_ORIGINS ?? (env.NODE_ENV === 'production' ? [] : DEVELOPMENT_CORS_ORIGINS),
});
