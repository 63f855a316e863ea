// Where the gateway's time goes on the cache-miss path: the gateway (real entry point, 1 worker) under the same
// load as bench/gateway-comparison.ts, with `node --cpu-prof`; prints the functions with the most self time and the
// split of samples by package. Numbers only.
//   DATABASE_URL=postgres://… npx tsx bench/gateway-profile.ts [seconds=10] [connections=50] [--dedupe]
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestSupergraph } from '../gateway/test/support/test-supergraph.ts';
import { startGateway } from './support/gateways.ts';

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [SECONDS = 10, CONNECTIONS = 50] = process.argv.slice(2).filter((arg) => !arg.startsWith('--')).map(Number);
const QUERY = '{ products(first: 20) { edges { node { title price { amount currency } seller { displayName } category { name } favoritesCount } } } }';
const profileDir = mkdtempSync(join(tmpdir(), 'gateway-profile-'));

const supergraph = await startTestSupergraph();
const gateway = await startGateway(
  { kind: 'ours', workers: 1, dedupe: flags.includes('--dedupe'), execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] },
  supergraph.subgraphUrls,
  '',
);
const load = (seconds: number) =>
  new Promise<string>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/load-process.ts', import.meta.url)), gateway.url, String(seconds), String(CONNECTIONS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_QUERY: QUERY },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', () => resolve(out.trim().split('\n').at(-1) ?? ''));
  });
await load(2);
console.log(`load: ${await load(SECONDS)}`);
await gateway.stop();
await supergraph.close();

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error('no .cpuprofile written (did the gateway exit cleanly?)');
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
// The gateway stops about half a second after the load ends (approximate: the profile has no marker of its own).
const stoppedAt = profile.endTime - 500_000;
// Only the measured run: samples in its last SECONDS before the gateway stopped (start-up and warm-up left out).
const hitsById = new Map<number, number>();
let at = profile.startTime;
const from = stoppedAt - SECONDS * 1e6;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from && at <= stoppedAt) hitsById.set(id, (hitsById.get(id) ?? 0) + 1);
});
for (const node of profile.nodes) node.hitCount = hitsById.get(node.id) ?? 0;
const totalSamples = [...hitsById.values()].reduce((a, b) => a + b, 0);
const msPerSample = (SECONDS * 1000) / totalSamples;
const where = (url: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/packages/') || url.includes('/gateway/src/')) return 'threadly';
  if (url.startsWith('node:')) return 'node core';
  return url ? 'other' : 'native / GC / idle';
};
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (!hits) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/hotpath\//, '')}:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  byPackage.set(where(url), (byPackage.get(where(url)) ?? 0) + hits);
}
const pct = (n: number) => `${((100 * n) / totalSamples).toFixed(1)}%`;
console.log(`\n${totalSamples} samples (${msPerSample.toFixed(2)} ms each) in the last ${SECONDS} s of the gateway's life (the run).\n\nSelf time by package:\n`);
for (const [name, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(hits).padStart(6)}  ${name}`);
console.log('\nTop 25 functions by self time:\n');
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(hits).padStart(6)}  ${name}`);
rmSync(profileDir, { recursive: true, force: true });
process.exit(0);
