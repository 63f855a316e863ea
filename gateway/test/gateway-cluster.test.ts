// The real entry point with GATEWAY_WORKERS=2: both workers answer, GET /metrics sums them, a killed worker is
// replaced, and SIGTERM stops the whole cluster cleanly. The subgraphs are not needed: `{ __typename }` is answered
// by the gateway itself, and parsing it once per worker is what shows which workers served.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { readSample } from '@threadly/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_SUBGRAPH_URL } from './support/standalone-gateway.ts';

const root = resolve(import.meta.dirname, '../..');
const STARTUP_MS = 120_000;

interface LogLine { pid: number; msg: string; url?: string; worker?: number }

let primary: ChildProcess;
const lines: LogLine[] = [];

/** Resolves with the first log line (already written or to come) that matches. */
function logLine(match: (line: LogLine) => boolean, timeoutMs = STARTUP_MS): Promise<LogLine> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching log line in ${timeoutMs} ms; seen: ${lines.map((l) => l.msg).join(' | ')}`)), timeoutMs);
    const check = () => {
      const found = lines.find(match);
      if (!found) return false;
      clearTimeout(timer);
      primary.stdout!.off('data', onData);
      resolvePromise(found);
      return true;
    };
    const onData = () => void check();
    if (!check()) primary.stdout!.on('data', onData);
  });
}

const ready = (pid?: number) => (line: LogLine) => line.msg === 'gateway ready' && (pid === undefined || line.pid === pid);
const workersReady = () => [...new Set(lines.filter(ready()).map((line) => line.pid))];

/** A request on a connection of its own, so the primary hands each one to the next worker. */
function send(url: string, method: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const typename = (url: string) => send(url, 'POST', JSON.stringify({ query: '{ __typename }' }));
const metric = (text: string, sample: string) => Number(new RegExp(`^${sample.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1]);

beforeAll(async () => {
  primary = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      GATEWAY_WORKERS: '2',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'info',
      IDENTITY_URL: DEAD_SUBGRAPH_URL,
      CATALOG_URL: DEAD_SUBGRAPH_URL,
      COMMERCE_URL: DEAD_SUBGRAPH_URL,
      MESSAGING_URL: DEAD_SUBGRAPH_URL,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  primary.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
  });
  await logLine(() => workersReady().length === 2);
}, STARTUP_MS + 10_000);

afterAll(() => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
});

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the gateway under node:cluster', () => {
  it('serves from both workers, on one port, and GET /metrics reports the cluster', async () => {
    const urls = new Set(lines.filter(ready()).map((line) => line.url));
    expect(urls.size).toBe(1);
    const url = [...urls][0]!;
    for (let i = 0; i < 8; i += 1) expect(await typename(url)).toEqual({ status: 200, text: '{"data":{"__typename":"Query"}}\n' });
    const metrics = (await send(new URL('/metrics', url).toString(), 'GET')).text;
    expect(metric(metrics, 'threadly_gateway_cluster_workers')).toBe(2);
    // Each worker parsed the document once (its own cache) and found it cached afterwards.
    expect(metric(metrics, 'threadly_gateway_cache_lookups_total{cache="document",result="miss"}')).toBe(2);
    expect(metric(metrics, 'threadly_gateway_cache_lookups_total{cache="document",result="hit"}')).toBe(6);
    expect(metric(metrics, 'threadly_gateway_cache_hit_ratio{cache="document"}')).toBeCloseTo(0.75, 6);
    // Per-operation counters and histograms are summed too: 8 requests, whichever worker served each.
    const anonymousQuery = { operation: 'anonymous', type: 'query' };
    expect(readSample(metrics, 'threadly_gateway_requests_total', { ...anonymousQuery, outcome: 'success' })).toBe(8);
    expect(readSample(metrics, 'threadly_gateway_request_duration_seconds_count', anonymousQuery)).toBe(8);
    expect(readSample(metrics, 'threadly_gateway_request_duration_seconds_bucket', { ...anonymousQuery, le: '+Inf' })).toBe(8);
  });

  it('replaces a worker that is killed', async () => {
    const [victim, survivor] = workersReady();
    process.kill(victim!, 'SIGKILL');
    await logLine((line) => line.msg.includes('worker died') && line.worker === victim);
    await logLine((line) => ready()(line) && line.pid !== victim && line.pid !== survivor);
    const url = lines.find(ready())!.url!;
    for (let i = 0; i < 4; i += 1) expect((await typename(url)).status).toBe(200);
    expect(metric((await send(new URL('/metrics', url).toString(), 'GET')).text, 'threadly_gateway_cluster_workers')).toBe(2);
  }, STARTUP_MS + 10_000);

  it('stops every worker and exits 0 on SIGTERM', async () => {
    const workers = workersReady().filter(isRunning);
    expect(workers).toHaveLength(2);
    const exited = new Promise<number | null>((resolvePromise) => primary.once('exit', resolvePromise));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers.filter(isRunning)).toEqual([]);
  }, 30_000);
});
