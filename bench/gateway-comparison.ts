// This gateway vs plain @apollo/gateway vs Hive Gateway, side by side on the same four subgraphs, database and
// supergraph: the cross-subgraph listing query, anonymous, with a unique header per request (no cache, no dedupe
// can serve it). Each gateway runs alone in its own process, one at a time; the load generator in another.
// Prints req/s, p50, p99 (median and min–max of RUNS runs), gateway CPU per request, subgraph fetches and SQL
// statements per client request (counted on sequential requests through a counting proxy, not under load, where
// requests in flight at a run's edges would blur them). Gateway CPU per request is the gateway process's user+system
// time over a run divided by the completed requests. Numbers are printed, never asserted.
// Usage: DATABASE_URL=postgres://… npx tsx bench/gateway-comparison.ts [seconds=8] [runs=3] [connections=50]
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSupergraphSdl, type SubgraphUrls } from '@threadly/gateway';
import { testEnv } from '@threadly/testing';
import { startTestSupergraph, statementsBySchema, TEST_IDENTITY_SECRET } from '../gateway/test/support/test-supergraph.ts';
import { nonLoopbackConnections, watchOutgoingConnections } from './support/loopback-guard.ts';

const [SECONDS = 8, RUNS = 3, CONNECTIONS = 50] = process.argv.slice(2).map(Number);
const WARMUP_SECONDS = 2;
const COUNTED_REQUESTS = 10;
const QUERY = '{ products(first: 20) { edges { node { title price { amount currency } seller { displayName } category { name } favoritesCount } } } }';
const GATEWAYS = [
  { kind: 'ours', label: 'Threadly gateway (production options, no rate limit)' },
  { kind: 'plain', label: 'plain @apollo/gateway (no plugins)' },
  { kind: 'hive', label: 'Hive Gateway (dedupe off)' },
] as const;
type Kind = (typeof GATEWAYS)[number]['kind'];

const hiveModule: string = '@graphql-hive/gateway'; // a name tsc does not follow (see support/gateway-process.ts)
const hiveInstalled = await import(hiveModule).then(() => true, () => false);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'gateway-comparison-'));
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
  const sdl = readSupergraphSdl().replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_all, graph: keyof SubgraphUrls) => {
    if (!urls[graph]) throw new Error(`no URL for subgraph ${graph}`);
    return `@join__graph(name: "${graph}", url: "${urls[graph]}")`;
  });
  const file = join(workDir, `${name}.graphql`);
  writeFileSync(file, sdl);
  return file;
}
const directSdl = supergraphFile(directUrls, 'direct');
const proxiedSdl = supergraphFile(proxy.urls, 'proxied');

interface Run { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; cpuMsPerRequest: number }
interface Result { kind: Kind; label: string; runs: Run[]; fetchesPerRequest: Record<string, number>; sqlPerRequest: Record<string, number>; dataHash: string; nonLoopback: string[] }
const results: Result[] = [];

const ACTIVE = GATEWAYS.filter(({ kind }) => kind !== 'hive' || hiveInstalled);
if (!hiveInstalled) log('Hive Gateway: @graphql-hive/gateway is not installed, skipped');
try {
  // 1. Fetches and statements per request, through the counting proxy (not timed: the proxy costs time).
  for (const { kind, label } of ACTIVE) {
    log(`${label}: counting subgraph fetches and SQL through the proxy (${COUNTED_REQUESTS} requests)…`);
    const gateway = await startGateway(kind, proxiedSdl, proxy.urls);
    const first = await post(gateway.url, 'warm');
    const dataHash = createHash('sha256').update(JSON.stringify(first.data)).digest('hex').slice(0, 12);
    proxy.reset();
    supergraph.statements.reset();
    for (let i = 0; i < COUNTED_REQUESTS; i += 1) await post(gateway.url, `count-${i}`);
    const fetchesPerRequest = perRequest(proxy.counts());
    const sqlPerRequest = perRequest(statementsBySchema(supergraph.statements.statements));
    const { nonLoopback } = await gateway.cpu();
    await gateway.stop();
    results.push({ kind, label, runs: [], fetchesPerRequest, sqlPerRequest, dataHash, nonLoopback });
  }
  // 2. Throughput and latency, straight to the subgraphs. Rounds are interleaved (ours, plain, hive, ours, …), each
  // gateway started fresh and alone, so drift in the machine's load hits every gateway alike.
  for (let i = 1; i <= RUNS; i += 1) {
    for (const result of results) {
      const gateway = await startGateway(result.kind, directSdl, directUrls);
      await post(gateway.url, 'warm');
      await load(gateway.url, WARMUP_SECONDS);
      const loadBefore = loadavg()[0]!;
      const before = await gateway.cpu();
      const run = await load(gateway.url, SECONDS);
      const after = await gateway.cpu();
      const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      const measured = { ...run, cpuMsPerRequest: cpuMs / Math.max(1, run.requests) };
      result.runs.push(measured);
      result.nonLoopback.push(...after.nonLoopback.filter((a) => !result.nonLoopback.includes(a)));
      await gateway.stop();
      log(`${result.label}: run ${i}/${RUNS} (after ${WARMUP_SECONDS} s warm-up): ${measured.rps.toFixed(0)} req/s, p50 ${measured.p50} ms, ` +
        `p99 ${measured.p99} ms, ${measured.cpuMsPerRequest.toFixed(2)} ms CPU/req, non-2xx ${measured.non2xx}, errors ${measured.errors}; ` +
        `machine load ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
    }
  }
} finally {
  await proxy.close();
  await supergraph.close();
  rmSync(workDir, { recursive: true, force: true });
}

// ---- report ----
const spread = (runs: Run[], pick: (run: Run) => number, digits = 0) => {
  const values = runs.map(pick);
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
};
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const breakdown = (counts: Record<string, number>) =>
  `${total(counts).toFixed(1)} (${Object.entries(counts).sort().map(([name, n]) => `${name} ${n.toFixed(1)}`).join(', ')})`;

console.log(`\nListing query, anonymous, unique x-bench-nonce per request; autocannon -c ${CONNECTIONS} -d ${SECONDS}, ` +
  `${RUNS} interleaved runs, each after a ${WARMUP_SECONDS} s warm-up; median (min–max). Loopback, one machine, ${cpus().length} CPUs.\n`);
console.log('| gateway | req/s | p50 ms | p99 ms | gateway CPU ms/req | subgraph fetches/req | SQL statements/req | non-2xx | response |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.label} | ${spread(r.runs, (x) => x.rps)} | ${spread(r.runs, (x) => x.p50)} | ${spread(r.runs, (x) => x.p99)} | ` +
    `${spread(r.runs, (x) => x.cpuMsPerRequest, 2)} | ${breakdown(r.fetchesPerRequest)} | ${breakdown(r.sqlPerRequest)} | ` +
    `${r.runs.reduce((n, x) => n + x.non2xx + x.errors, 0)} | ${r.dataHash} |`);
}
const ours = results.find((r) => r.kind === 'ours');
const ratio = (other: Kind) => {
  const peer = results.find((r) => r.kind === other);
  if (!ours || !peer) return `ours / ${other}: n/a`;
  const rps = median(ours.runs.map((x) => x.rps)) / median(peer.runs.map((x) => x.rps));
  const p99 = median(ours.runs.map((x) => x.p99)) / median(peer.runs.map((x) => x.p99));
  const cpu = median(ours.runs.map((x) => x.cpuMsPerRequest)) / median(peer.runs.map((x) => x.cpuMsPerRequest));
  return `ours / ${other}: req/s ×${rps.toFixed(2)}, p99 ×${p99.toFixed(2)}, CPU/req ×${cpu.toFixed(2)}`;
};
console.log(`\n${ratio('plain')}; ${ratio('hive')}`);
const hashes = new Set(results.map((r) => r.dataHash));
console.log(`responses identical across gateways: ${hashes.size === 1 ? 'yes' : `NO (${[...hashes].join(', ')})`}`);
const outside = [...nonLoopbackConnections(), ...results.flatMap((r) => r.nonLoopback.map((a) => `${r.kind}: ${a}`))];
console.log(`connections outside 127.0.0.1 (bench process and gateway processes): ${outside.length === 0 ? 'none' : outside.join(', ')}`);
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
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  if (response.status !== 200 || body.errors || !body.data) throw new Error(`${url}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

interface RunningGateway { url: string; cpu(): Promise<{ cpu: NodeJS.CpuUsage; nonLoopback: string[] }>; stop(): Promise<void> }

async function startGateway(kind: Kind, sdlFile: string, urls: SubgraphUrls): Promise<RunningGateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./support/gateway-process.ts'), kind, sdlFile, JSON.stringify(urls), TEST_IDENTITY_SECRET], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${kind}: gateway did not start in 60 s`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind}: gateway exited with ${code} before it was ready`)));
  });
  return {
    url,
    cpu: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve(message as { cpu: NodeJS.CpuUsage; nonLoopback: string[] }));
        child.send('cpu');
      }),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function load(url: string, seconds: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./support/load-process.ts'), url, String(seconds), String(CONNECTIONS)], {
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

/** A pass-through HTTP proxy per subgraph that counts the requests it forwards. */
async function startCountingProxy(targets: SubgraphUrls) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const counts: Record<string, number> = {};
  const servers: Server[] = [];
  const urls = {} as SubgraphUrls;
  for (const [name, target] of Object.entries(targets) as Array<[keyof SubgraphUrls, string]>) {
    const to = new URL(target);
    const server = createServer((req, res) => {
      counts[name] = (counts[name] ?? 0) + 1;
      const upstream = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers, agent }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}${to.pathname}`;
  }
  return {
    urls,
    counts: () => ({ ...counts }),
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
    },
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      agent.destroy();
    },
  };
}
