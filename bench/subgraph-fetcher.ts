// Which fetcher should the gateway use for subgraph calls? The same POST (a gateway-shaped subgraph query, a ~5 kB
// JSON answer) sent by each candidate to a node:http server in another process, concurrency 20, rounds interleaved.
// Prints requests/s and the client's CPU per request (what the gateway would spend). Numbers only, never asserted.
//   npx tsx bench/subgraph-fetcher.ts [requests per run=4000] [runs=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch as undiciFetch } from 'undici';
import { createKeepAliveFetcher } from '../gateway/src/subgraph-fetch/keep-alive-fetcher.ts';

const [REQUESTS = 4000, RUNS = 3] = process.argv.slice(2).map(Number);
const CONCURRENCY = 20;
const workDir = mkdtempSync(join(tmpdir(), 'subgraph-fetcher-'));
const bodyFile = join(workDir, 'answer.json');
const products = Array.from({ length: 20 }, (_, i) => ({ __typename: 'Product', id: `p-${i}`, title: `Listing number ${i} with a title`, price: { amount: 1200 + i, currency: 'EUR' }, seller: { __typename: 'User', id: `u-${i}` } }));
writeFileSync(bodyFile, JSON.stringify({ data: { products: { edges: products.map((node) => ({ node })) } } }));

const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/raw-http-process.ts', import.meta.url)), bodyFile, '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /READY (\S+)/.exec(out);
    if (match) resolve(match[1]!);
  });
});

// Apollo's default, as RemoteGraphQLDataSource builds it (resolved from @apollo/gateway's own dependencies).
const requireFromGateway = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
const makeFetchHappen = requireFromGateway('make-fetch-happen') as { defaults(options: object): Fetcher };
const undiciAgent = new Agent({ connections: 32, keepAliveTimeout: 30_000 });
const keepAlive = createKeepAliveFetcher({ connectionsPerSubgraph: 32 });
const candidates: Array<{ label: string; fetcher: Fetcher }> = [
  { label: 'make-fetch-happen (@apollo/gateway default)', fetcher: makeFetchHappen.defaults({ maxSockets: Infinity, retry: false }) },
  { label: 'global fetch (Node 20 built-in undici)', fetcher: fetch as unknown as Fetcher },
  { label: 'undici 7 fetch, keep-alive Agent', fetcher: ((u: string, init: object) => undiciFetch(u, { ...init, dispatcher: undiciAgent })) as unknown as Fetcher },
  { label: 'undici 7 Agent.request adapter (subgraph-fetch/keep-alive-fetcher.ts)', fetcher: keepAlive.fetcher },
];

const body = JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{displayName}}}', variables: { representations: products.map((p) => p.seller) } });
const headers = { 'content-type': 'application/json', 'x-request-id': 'bench' };

async function run(fetcher: Fetcher) {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const response = await fetcher(url, { method: 'POST', headers, body });
        await response.json();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { rps: REQUESTS / seconds, cpuUsPerRequest: (used.user + used.system) / REQUESTS };
}

const results = new Map(candidates.map((c) => [c.label, [] as Array<{ rps: number; cpuUsPerRequest: number }>]));
for (const candidate of candidates) await run(candidate.fetcher); // warm-up: connections, JIT
for (let round = 1; round <= RUNS; round += 1) {
  for (const candidate of candidates) {
    const result = await run(candidate.fetcher);
    results.get(candidate.label)!.push(result);
    console.log(`[round ${round}] ${candidate.label}: ${result.rps.toFixed(0)} req/s, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/req`);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`\n${REQUESTS} requests per run, concurrency ${CONCURRENCY}, ${RUNS} runs, median (min–max):\n`);
console.log('| fetcher | req/s | client CPU µs/req |\n|---|---|---|');
for (const [label, runs] of results) {
  const rps = runs.map((r) => r.rps);
  const cpu = runs.map((r) => r.cpuUsPerRequest);
  console.log(`| ${label} | ${median(rps).toFixed(0)} (${Math.min(...rps).toFixed(0)}–${Math.max(...rps).toFixed(0)}) | ${median(cpu).toFixed(0)} (${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}) |`);
}
server.kill('SIGTERM');
await keepAlive.close();
await undiciAgent.close();
rmSync(workDir, { recursive: true, force: true });
process.exit(0);
