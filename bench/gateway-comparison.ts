// This gateway vs plain @apollo/gateway vs Hive Gateway, side by side on the same four subgraphs, database and
// supergraph, then the cache-hit path against the raw node:http ceiling. Each process runs alone, one at a time,
// rounds interleaved (a, b, c, a, b, c, …) so drift in the machine's load hits all alike; the load generator runs in
// a process of its own. Numbers are printed, never asserted.
//   1. Cache-miss path: the cross-subgraph listing query, anonymous, a unique header per request, response cache
//      off and in-flight dedupe off everywhere (no gateway may answer one request from another's work). This
//      gateway through its real entry point with GATEWAY_WORKERS = cores and = 1; the peers in one process each.
//   2. Cache-hit path: this gateway (workers = cores, in-process response cache, warmed) vs a node:http server
//      returning the same bytes (1 process and one per core); the better raw figure is the ceiling.
//   3. Subgraph fetches and SQL statements per client request, counted through a counting proxy on sequential
//      requests (not under load, where requests in flight at a run's edges would blur them).
// CPU/request is the whole process tree's (primary + workers) user+system time over a run ÷ completed requests.
// Usage: DATABASE_URL=postgres://… npx tsx bench/gateway-comparison.ts [seconds=8] [runs=3] [connections=50] [--skip-miss] [--skip-hit]
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { readSupergraphSdl, type SubgraphUrls } from '@threadly/gateway';
import { testEnv } from '@threadly/testing';
import { startTestSupergraph, statementsBySchema } from '../gateway/test/support/test-supergraph.ts';
import { startCountingProxy } from './support/counting-proxy.ts';
import { startGateway, type GatewaySpec } from './support/gateways.ts';
import { nonLoopbackConnections, watchOutgoingConnections } from './support/loopback-guard.ts';
import { processTreeCpuMs } from './support/process-tree-cpu.ts';

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [SECONDS = 8, RUNS = 3, CONNECTIONS = 50] = process.argv.slice(2).filter((arg) => !arg.startsWith('--')).map(Number);
const WARMUP_SECONDS = 2;
const COUNTED_REQUESTS = 10;
const CORES = availableParallelism();
const QUERY = '{ products(first: 20) { edges { node { title price { amount currency } seller { displayName } category { name } favoritesCount } } } }';

interface Entry { id: string; label: string; spec: GatewaySpec | ((bodyFile: string) => GatewaySpec) }
const MISS: Entry[] = [
  { id: 'ours', label: `this gateway, ${CORES} workers (= cores)`, spec: { kind: 'ours', workers: CORES } },
  { id: 'ours-1', label: 'this gateway, 1 worker', spec: { kind: 'ours', workers: 1 } },
  { id: 'plain', label: 'plain @apollo/gateway (no plugins, one process)', spec: { kind: 'plain' } },
  { id: 'hive', label: 'Hive Gateway (dedupe off, one process)', spec: { kind: 'hive' } },
];
const HIT: Entry[] = [
  { id: 'ours-hit', label: `this gateway, ${CORES} workers, response cache warm`, spec: { kind: 'ours', workers: CORES, responseCache: true } },
  { id: 'raw', label: `raw node:http, ${CORES} processes, same bytes`, spec: (bodyFile) => ({ kind: 'raw', workers: CORES, bodyFile }) },
  { id: 'raw-1', label: 'raw node:http, 1 process, same bytes', spec: (bodyFile) => ({ kind: 'raw', workers: 1, bodyFile }) },
];

const hiveModule: string = '@graphql-hive/gateway'; // a name tsc does not follow (see support/gateway-process.ts)
const hiveInstalled = await import(hiveModule).then(() => true, () => false);
const workDir = mkdtempSync(join(tmpdir(), 'gateway-comparison-'));
const bodyFile = join(workDir, 'cached-body.json');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

watchOutgoingConnections();
log(`starting the four subgraphs on ${testEnv().DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}, loading demo data…`);
const supergraph = await startTestSupergraph();
const directUrls = supergraph.subgraphUrls;
const proxy = await startCountingProxy(directUrls);

/** The committed supergraph with its subgraph URLs pointed at `urls`: the same SDL for every gateway. */
function supergraphFile(urls: SubgraphUrls, name: string) {
  const sdl = readSupergraphSdl().replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_all, graph: keyof SubgraphUrls) => `@join__graph(name: "${graph}", url: "${urls[graph]}")`);
  const file = join(workDir, `${name}.graphql`);
  writeFileSync(file, sdl);
  return file;
}
const directSdl = supergraphFile(directUrls, 'direct');
const proxiedSdl = supergraphFile(proxy.urls, 'proxied');

interface Run { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; cpuMsPerRequest: number }
interface Result { entry: Entry; runs: Run[]; fetchesPerRequest?: Record<string, number>; sqlPerRequest?: Record<string, number>; dataHash?: string }
const missResults: Result[] = MISS.filter(({ id }) => id !== 'hive' || hiveInstalled).map((entry) => ({ entry, runs: [] }));
const hitResults: Result[] = HIT.map((entry) => ({ entry, runs: [] }));
if (!hiveInstalled) log('Hive Gateway: @graphql-hive/gateway is not installed, skipped');
const specOf = (entry: Entry) => (typeof entry.spec === 'function' ? entry.spec(bodyFile) : entry.spec);

try {
  if (!flags.includes('--skip-miss')) {
    // Fetches and statements per request, through the counting proxy (not timed: the proxy costs time).
    for (const result of missResults.filter(({ entry }) => entry.id !== 'ours')) {
      log(`${result.entry.label}: counting subgraph fetches and SQL through the proxy (${COUNTED_REQUESTS} requests)…`);
      const gateway = await startGateway(specOf(result.entry), proxy.urls, proxiedSdl);
      const first = await post(gateway.url, 'warm');
      result.dataHash = createHash('sha256').update(JSON.stringify(first.body.data)).digest('hex').slice(0, 12);
      proxy.reset();
      supergraph.statements.reset();
      for (let i = 0; i < COUNTED_REQUESTS; i += 1) await post(gateway.url, `count-${i}`);
      result.fetchesPerRequest = perRequest(proxy.counts());
      result.sqlPerRequest = perRequest(statementsBySchema(supergraph.statements.statements));
      await gateway.stop();
    }
    await measureRounds(missResults, 'miss');
  }
  if (!flags.includes('--skip-hit')) await measureRounds(hitResults, 'hit');
} finally {
  await proxy.close();
  await supergraph.close();
}

/** RUNS interleaved rounds over `results`, each process started fresh and alone, warmed, then measured. */
async function measureRounds(results: Result[], path: 'miss' | 'hit') {
  for (let round = 1; round <= RUNS; round += 1) {
    for (const result of results) {
      const gateway = await startGateway(specOf(result.entry), directUrls, directSdl);
      const warm = await post(gateway.url, 'warm');
      if (path === 'hit' && result.entry.id === 'ours-hit') {
        // The ceiling serves exactly what the gateway serves from its cache.
        const hit = await post(gateway.url, 'hit');
        if (hit.xCache !== 'HIT') throw new Error(`the response cache did not answer (x-cache: ${hit.xCache})`);
        writeFileSync(bodyFile, hit.text);
      }
      if (path === 'miss' && warm.xCache === 'HIT') throw new Error(`${result.entry.label}: answered from a cache on the miss path`);
      await load(gateway.url, WARMUP_SECONDS);
      const loadBefore = loadavg()[0]!;
      const cpuBefore = processTreeCpuMs(gateway.pid);
      const run = await load(gateway.url, SECONDS);
      const cpuMs = processTreeCpuMs(gateway.pid) - cpuBefore;
      const measured = { ...run, cpuMsPerRequest: cpuMs / Math.max(1, run.requests) };
      result.runs.push(measured);
      await gateway.stop();
      log(`${result.entry.label}: run ${round}/${RUNS}: ${measured.rps.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, ` +
        `${measured.cpuMsPerRequest.toFixed(2)} ms CPU/req, non-2xx ${measured.non2xx}, errors ${measured.errors}; ` +
        `machine load ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
    }
  }
}

// ---- report ----
const spread = (runs: Run[], pick: (run: Run) => number, digits = 0) => {
  const values = runs.map(pick);
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
};
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const breakdown = (counts?: Record<string, number>) =>
  counts ? `${total(counts).toFixed(1)} (${Object.entries(counts).sort().map(([name, n]) => `${name} ${n.toFixed(1)}`).join(', ')})` : 'as 1 worker';
const rpsOf = (results: Result[], id: string) => {
  const found = results.find((r) => r.entry.id === id);
  return found?.runs.length ? median(found.runs.map((x) => x.rps)) : NaN;
};
const table = (results: Result[], withCounts: boolean) => {
  console.log(`| process | req/s | p50 ms | p99 ms | CPU ms/req |${withCounts ? ' subgraph fetches/req | SQL statements/req | response |' : ''} non-2xx |`);
  console.log(`|---|---|---|---|---|${withCounts ? '---|---|---|' : ''}---|`);
  for (const r of results.filter((x) => x.runs.length)) {
    console.log(`| ${r.entry.label} | ${spread(r.runs, (x) => x.rps)} | ${spread(r.runs, (x) => x.p50)} | ${spread(r.runs, (x) => x.p99)} | ${spread(r.runs, (x) => x.cpuMsPerRequest, 2)} |` +
      `${withCounts ? ` ${breakdown(r.fetchesPerRequest)} | ${breakdown(r.sqlPerRequest)} | ${r.dataHash ?? '—'} |` : ''} ${r.runs.reduce((n, x) => n + x.non2xx + x.errors, 0)} |`);
  }
};
const times = (a: number, b: number) => (Number.isFinite(a / b) ? `×${(a / b).toFixed(2)}` : 'n/a');

console.log(`\nautocannon -c ${CONNECTIONS} -d ${SECONDS}, ${RUNS} interleaved runs each after a ${WARMUP_SECONDS} s warm-up; median (min–max). ` +
  `Loopback, one machine, ${cpus().length} CPUs shared by subgraphs, gateway and load generator.\n`);
if (missResults.some((r) => r.runs.length)) {
  console.log('Cache-miss path: listing query, anonymous, unique x-bench-nonce per request, response cache and dedupe off.\n');
  table(missResults, true);
  const ours = rpsOf(missResults, 'ours');
  console.log(`\ntargets: ours/plain ${times(ours, rpsOf(missResults, 'plain'))} (target ×2.00), ours/Hive ${times(ours, rpsOf(missResults, 'hive'))} (target > ×1.00); ` +
    `1 worker: ours/plain ${times(rpsOf(missResults, 'ours-1'), rpsOf(missResults, 'plain'))}, ours/Hive ${times(rpsOf(missResults, 'ours-1'), rpsOf(missResults, 'hive'))}`);
  const hashes = new Set(missResults.map((r) => r.dataHash).filter(Boolean));
  console.log(`responses identical across gateways: ${hashes.size === 1 ? 'yes' : `NO (${[...hashes].join(', ')})`}\n`);
}
if (hitResults.some((r) => r.runs.length)) {
  console.log('Cache-hit path: the same listing query answered from the response cache, against node:http sending the same bytes.\n');
  table(hitResults, false);
  const ceiling = Math.max(rpsOf(hitResults, 'raw'), rpsOf(hitResults, 'raw-1'));
  console.log(`\ntarget: ours/ceiling ${times(rpsOf(hitResults, 'ours-hit'), ceiling)} (target ×0.60)`);
}
const outside = nonLoopbackConnections();
console.log(`connections outside 127.0.0.1 from the bench process: ${outside.length === 0 ? 'none' : outside.join(', ')}`);
rmSync(workDir, { recursive: true, force: true });
process.exit(0);

// ---- helpers ----
function perRequest(counts: Record<string, number>) {
  return Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, n / COUNTED_REQUESTS]));
}

async function post(url: string, nonce: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bench-nonce': nonce },
    body: JSON.stringify({ query: QUERY }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
  if (response.status !== 200 || body.errors || !body.data) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
  return { body, text, xCache: response.headers.get('x-cache') };
}

function load(url: string, seconds: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/load-process.ts', import.meta.url)), url, String(seconds), String(CONNECTIONS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_QUERY: QUERY },
  });
  return new Promise<Omit<Run, 'cpuMsPerRequest'>>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`load generator exited with ${code}: ${out}`));
      }
    });
  });
}
