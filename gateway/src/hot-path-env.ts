import { booleanString } from '@threadly/config';
import { z } from 'zod';
import type { OperationCacheSizes } from './operation-cache/operation-caches.ts';
import { DEFAULT_SUBGRAPH_FETCH_OPTIONS, type SubgraphFetchOptions } from './subgraph-fetch/subgraph-fetchers.ts';

const wholeNumber = (min: number, max: number) =>
  z.coerce.number({ message: 'expected a whole number' }).int().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`);
const whole = (fallback: number, min: number, max: number) => wholeNumber(min, max).default(fallback);

/** The gateway's hot-path variables; spread into the gateway's env shape. Defaults are in the README. */
export const hotPathEnvShape = {
  /** Worker processes (node:cluster); unset: one per core the process may use (os.availableParallelism()). */
  GATEWAY_WORKERS: wholeNumber(1, 256).optional(),
  DOCUMENT_CACHE_MB: whole(30, 1, 4096),
  QUERY_PLAN_CACHE_MB: whole(30, 1, 4096),
  /** Kept-alive sockets from each worker to each subgraph. */
  SUBGRAPH_CONNECTIONS: whole(32, 1, 1024),
  SUBGRAPH_DEDUPE: booleanString.default(true),
  /** Each attempt to reach a subgraph is abandoned after this many milliseconds (then retried if a query). */
  SUBGRAPH_TIMEOUT_MS: whole(10_000, 1, 600_000),
  /** One subgraph's own timeout, in place of SUBGRAPH_TIMEOUT_MS; unset: SUBGRAPH_TIMEOUT_MS. */
  IDENTITY_TIMEOUT_MS: wholeNumber(1, 600_000).optional(),
  CATALOG_TIMEOUT_MS: wholeNumber(1, 600_000).optional(),
  COMMERCE_TIMEOUT_MS: wholeNumber(1, 600_000).optional(),
  MESSAGING_TIMEOUT_MS: wholeNumber(1, 600_000).optional(),
  /** Responses at least this large are compressed for clients that accept gzip or br. */
  COMPRESSION_MIN_BYTES: whole(1024, 0, 100_000_000),
};

type HotPathEnv = z.infer<z.ZodObject<typeof hotPathEnvShape>>;

export interface HotPathOptions {
  operationCaches: OperationCacheSizes;
  subgraphFetch: SubgraphFetchOptions;
  compressionMinBytes: number;
}

export const hotPathOptionsFromEnv = (env: HotPathEnv): HotPathOptions => ({
  operationCaches: { documentCacheMb: env.DOCUMENT_CACHE_MB, queryPlanCacheMb: env.QUERY_PLAN_CACHE_MB },
  subgraphFetch: {
    ...DEFAULT_SUBGRAPH_FETCH_OPTIONS,
    connectionsPerSubgraph: env.SUBGRAPH_CONNECTIONS,
    dedupeInflight: env.SUBGRAPH_DEDUPE,
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    timeoutMsBySubgraph: ownTimeouts(env),
  },
  compressionMinBytes: env.COMPRESSION_MIN_BYTES,
});

/** The subgraphs given a timeout of their own (the names are the supergraph's, as in supergraph.yaml). */
function ownTimeouts(env: HotPathEnv): Record<string, number> {
  const own = { identity: env.IDENTITY_TIMEOUT_MS, catalog: env.CATALOG_TIMEOUT_MS, commerce: env.COMMERCE_TIMEOUT_MS, messaging: env.MESSAGING_TIMEOUT_MS };
  return Object.fromEntries(Object.entries(own).filter((entry): entry is [string, number] => entry[1] !== undefined));
}
