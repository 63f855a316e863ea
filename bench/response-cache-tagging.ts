// What entity tags cost, side by side in one run on the same subgraphs and data:
// - the gateway's cache-miss path (unique variables per request: lookup, subgraphs, write) and cache-hit path, with
//   the tagged stores (Redis: MGET + a Lua write that records tags and checks the race guard; in-process) against
//   the store as it was before tags (Redis GET and SET EX, no tags, no guard), and without any cache;
// - the catalog subgraph answering the gateway's listing fetch with and without its tagging plugin.
// Gateways run in this process, one at a time (the subgraphs too: every variant shares that handicap alike); the load
// generator runs in its own process. Prints req/s, p50, p99: median and min–max of RUNS interleaved runs. Numbers
// are printed, never asserted.
// Usage: DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/response-cache-tagging.ts [seconds=5] [runs=3] [connections=20]
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createCatalogSubgraph } from '@threadly/catalog';
import { MemoryTaggedCache, RedisTaggedCache, readSupergraphSdl, startGatewayServer, type ResponseCache } from '@threadly/gateway';
import { createLogger } from '@threadly/logger';
import { startSubgraphServer } from '@threadly/subgraph-runtime';
import { startTestSupergraph, TEST_IDENTITY_SECRET } from '../gateway/test/support/test-supergraph.ts';
import { UntaggedRedisCache } from './support/untagged-redis-cache.ts';

const [SECONDS = 5, RUNS = 3, CONNECTIONS = 20] = process.argv.slice(2).map(Number);
const QUERY = 'query($max: Int) { products(first: 20, filter: { maxPrice: $max }) { edges { node { id title price { amount currency } seller { displayName } category { name } favoritesCount } } } }';
// What the gateway sends catalog for QUERY (its plan's first fetch), for the subgraph-only comparison.
const CATALOG_QUERY = 'query($max: Int) { products(first: 20, filter: { maxPrice: $max }) { edges { node { id title price { amount currency } seller { __typename id } category { name } favoritesCount } } } }';
const silent = createLogger('bench', 'silent');
const redisUrl = process.env.REDIS_URL;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Run { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number }
interface Variant { label: string; mode: 'hit' | 'miss'; start: () => Promise<{ url: string; stop: () => Promise<void> }>; runs: Run[] }

async function load(url: string, seconds: number, mode: 'hit' | 'miss', query = QUERY): Promise<Run> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./support/cache-load-process.ts', import.meta.url)), url, String(seconds), String(CONNECTIONS), mode],
    { env: { ...process.env, BENCH_QUERY: query } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Run;
}

log('starting the four subgraphs and loading demo data…');
const supergraph = await startTestSupergraph({ responseCache: false });

function gatewayWith(cache: () => Promise<ResponseCache | undefined>) {
  return async () => {
    const store = await cache();
    const gateway = await startGatewayServer({
      supergraphSdl: readSupergraphSdl(),
      subgraphUrls: supergraph.subgraphUrls,
      identitySecret: TEST_IDENTITY_SECRET,
      production: true,
      responseCache: store,
      maxBodyBytes: 100_000,
      port: 0,
      logger: silent,
    });
    return { url: gateway.url, stop: async () => { await gateway.stop(); await store?.close(); } };
  };
}
const redis = <T extends { whenConnected(): Promise<void> }>(create: (keyPrefix: string) => T) => async () => {
  const cache = create(`threadly-bench:${randomUUID()}:`);
  await cache.whenConnected();
  return cache;
};
const untaggedRedis = redis((keyPrefix) => new UntaggedRedisCache({ url: redisUrl!, keyPrefix, logger: silent }));
const taggedRedis = redis((keyPrefix) => new RedisTaggedCache({ url: redisUrl!, keyPrefix, logger: silent }));
const taggedMemory = async () => new MemoryTaggedCache();

/** Catalog alone on its own port, with or without the tagging plugin, over the same database. */
function catalogSubgraph(tagging: boolean) {
  return async () => {
    const definition = createCatalogSubgraph({ pool: supergraph.database.pool, identitySecret: TEST_IDENTITY_SECRET });
    const server = await startSubgraphServer({ ...definition, ...(tagging ? {} : { cacheTagging: false as const }) }, {
      port: 0, production: true, logger: createLogger('catalog', 'silent'), checkReady: async () => undefined,
    });
    return { url: server.url, stop: async () => { await server.stop(); await definition.close(); } };
  };
}

const variants: Variant[] = [
  { label: 'gateway, no cache', mode: 'miss', start: gatewayWith(async () => undefined), runs: [] },
  ...(redisUrl
    ? ([
        { label: 'gateway MISS, Redis before tags (GET, SET EX)', mode: 'miss', start: gatewayWith(untaggedRedis), runs: [] },
        { label: 'gateway MISS, Redis tagged (MGET, Lua write)', mode: 'miss', start: gatewayWith(taggedRedis), runs: [] },
      ] as Variant[])
    : []),
  { label: 'gateway MISS, in-process tagged', mode: 'miss', start: gatewayWith(taggedMemory), runs: [] },
  ...(redisUrl
    ? ([
        { label: 'gateway HIT, Redis before tags', mode: 'hit', start: gatewayWith(untaggedRedis), runs: [] },
        { label: 'gateway HIT, Redis tagged', mode: 'hit', start: gatewayWith(taggedRedis), runs: [] },
      ] as Variant[])
    : []),
  { label: 'gateway HIT, in-process tagged', mode: 'hit', start: gatewayWith(taggedMemory), runs: [] },
  { label: 'catalog subgraph alone, untagged', mode: 'miss', start: catalogSubgraph(false), runs: [] },
  { label: 'catalog subgraph alone, tagged', mode: 'miss', start: catalogSubgraph(true), runs: [] },
];
if (!redisUrl) log('REDIS_URL unset: the Redis variants are skipped');

try {
  for (let i = 1; i <= RUNS; i += 1) {
    for (const variant of variants) {
      const server = await variant.start();
      const query = variant.label.startsWith('catalog') ? CATALOG_QUERY : QUERY;
      await load(server.url, 1, variant.mode, query);
      const run = await load(server.url, SECONDS, variant.mode, query);
      variant.runs.push(run);
      await server.stop();
      log(`${variant.label}: run ${i}/${RUNS}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, non-2xx ${run.non2xx}, errors ${run.errors}; load ${loadavg()[0]!.toFixed(1)}`);
    }
  }
} finally {
  await supergraph.close();
}

const spread = (runs: Run[], pick: (run: Run) => number) => {
  const values = runs.map(pick);
  return `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
};
console.log(`\nListing query (20 items, 3 subgraphs), autocannon -c ${CONNECTIONS} -d ${SECONDS}, ${RUNS} interleaved runs, median (min–max); ${cpus().length} CPUs.\n`);
console.log('| variant | req/s | p50 ms | p99 ms | non-2xx |');
console.log('|---|---|---|---|---|');
for (const v of variants) {
  console.log(`| ${v.label} | ${spread(v.runs, (r) => r.rps)} | ${spread(v.runs, (r) => r.p50)} | ${spread(v.runs, (r) => r.p99)} | ${v.runs.reduce((n, r) => n + r.non2xx + r.errors, 0)} |`);
}
const rps = (label: string) => median(variants.find((v) => v.label === label)?.runs.map((r) => r.rps) ?? [NaN]);
const ratio = (after: string, before: string) => `${after} / ${before}: ×${(rps(after) / rps(before)).toFixed(2)}`;
console.log(`\n${ratio('gateway MISS, Redis tagged (MGET, Lua write)', 'gateway MISS, Redis before tags (GET, SET EX)')}`);
console.log(ratio('gateway HIT, Redis tagged', 'gateway HIT, Redis before tags'));
console.log(ratio('catalog subgraph alone, tagged', 'catalog subgraph alone, untagged'));
process.exit(0);
