import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A connection from `openRedis`: one server, or a Redis Cluster that routes each command to its key's slot. */
export type RedisConnection = Redis | Cluster;

/** The query parameter of REDIS_URL that says the server at the URL is one node (a seed) of a Redis Cluster. */
export const CLUSTER_PARAMETER = 'cluster';

export interface RedisAddress {
  /** The URL without the `cluster` parameter: what ioredis is given for a single server. */
  url: string;
  /** Whether the URL names a seed node of a Redis Cluster (`?cluster=true`). */
  cluster: boolean;
}

/**
 * Reads REDIS_URL's one extension: `?cluster=true` marks the server as a seed node of a Redis Cluster (ioredis
 * learns the other nodes from it). Any other query parameter is left for ioredis, as before.
 */
export function parseRedisAddress(url: string): RedisAddress {
  const parsed = new URL(url);
  const flag = parsed.searchParams.get(CLUSTER_PARAMETER);
  if (flag === null) return { url, cluster: false };
  parsed.searchParams.delete(CLUSTER_PARAMETER);
  return { url: parsed.toString(), cluster: flag === 'true' || flag === '1' };
}

/**
 * Opens Redis as configured: a single server, or a Redis Cluster when REDIS_URL ends in `?cluster=true`. Each
 * caller keeps its own connection options (timeouts, offline queue, retry strategy); for a cluster they are
 * mapped onto ioredis' cluster options — the retry strategy becomes the cluster's (reconnecting the whole
 * topology), the offline-queue switch applies to the cluster as a whole, and the rest (timeouts, credentials,
 * TLS) to every node connection.
 */
export function openRedis(url: string, options: RedisOptions = {}): RedisConnection {
  const address = parseRedisAddress(url);
  if (!address.cluster) return new Redis(address.url, options);
  const seed = new URL(address.url);
  const { retryStrategy, enableOfflineQueue, lazyConnect, ...nodeOptions } = options;
  const clusterOptions: ClusterOptions = {
    enableOfflineQueue,
    lazyConnect,
    redisOptions: {
      ...nodeOptions,
      username: decodeURIComponent(seed.username) || undefined,
      password: decodeURIComponent(seed.password) || undefined,
      tls: seed.protocol === 'rediss:' ? {} : undefined,
    },
  };
  if (retryStrategy) clusterOptions.clusterRetryStrategy = (attempt) => retryStrategy(attempt) ?? null;
  return new Cluster([{ host: seed.hostname, port: Number(seed.port || 6379) }], clusterOptions);
}
