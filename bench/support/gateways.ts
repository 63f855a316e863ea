// Starting the processes bench/gateway-comparison.ts measures, each alone: this gateway through its real entry
// point (gateway/src/main.ts, node:cluster and all), the peers through support/gateway-process.ts, and the raw
// node:http ceiling. Every one prints or logs when it is ready; `pid` is the root of its process tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { SubgraphUrls } from '@threadly/gateway';
import { TEST_IDENTITY_SECRET } from '../../gateway/test/support/test-supergraph.ts';

export type GatewaySpec =
  | { kind: 'ours'; workers: number; responseCache?: boolean; dedupe?: boolean; execArgv?: string[] }
  | { kind: 'plain' | 'hive' }
  | { kind: 'raw'; workers: number; bodyFile: string };

export interface RunningProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const STARTUP_MS = 180_000;

// Production refuses the development Clerk key; anonymous requests never use one, so any real RSA key will do.
const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

function requireRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('the cache-hit run needs REDIS_URL (the gateway caches only with Redis); set it, or pass --skip-hit');
  return url;
}

export function startGateway(spec: GatewaySpec, urls: SubgraphUrls, supergraphFile: string): Promise<RunningProcess> {
  if (spec.kind === 'ours') {
    const child = spawn(process.execPath, [...(spec.execArgv ?? []), '--import', 'tsx', here('../../gateway/src/main.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        GATEWAY_PORT: '0',
        GATEWAY_WORKERS: String(spec.workers),
        IDENTITY_HEADER_SECRET: TEST_IDENTITY_SECRET,
        CLERK_JWT_KEY: publicKey,
        IDENTITY_URL: urls.identity,
        CATALOG_URL: urls.catalog,
        COMMERCE_URL: urls.commerce,
        MESSAGING_URL: urls.messaging,
        // The load comes from one address: limits far above what it can send.
        RATE_LIMIT_ANONYMOUS: '1000000',
        RATE_LIMIT_WINDOW_SECONDS: '1',
        RESPONSE_CACHE_ENABLED: String(spec.responseCache ?? false),
        SUBGRAPH_DEDUPE: String(spec.dedupe ?? false),
        // The bench's query is nobody's manifest operation; production would otherwise safelist it away.
        PERSISTED_OPERATIONS_MODE: 'open',
        // A standalone gateway caches only with Redis: its purges arrive on Redis Streams.
        ...(spec.responseCache ? { REDIS_URL: requireRedisUrl() } : {}),
      },
    });
    // Ready when every worker has logged its URL.
    return waitFor(child, (out) => {
      const urlsReady = [...out.matchAll(/"url":"([^"]+)","msg":"gateway ready"/g)].map((m) => m[1]!);
      return urlsReady.length >= spec.workers ? urlsReady[0] : undefined;
    });
  }
  if (spec.kind === 'raw') {
    const child = spawn(process.execPath, ['--import', 'tsx', here('./raw-http-process.ts'), spec.bodyFile, String(spec.workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    return waitFor(child, (out) => /READY (\S+)/.exec(out)?.[1]);
  }
  const child = spawn(process.execPath, ['--import', 'tsx', here('./gateway-process.ts'), spec.kind, supergraphFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production' },
  });
  return waitFor(child, (out) => /READY (\S+)/.exec(out)?.[1]);
}

function waitFor(child: ChildProcess, readyUrl: (stdout: string) => string | undefined): Promise<RunningProcess> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`not ready in ${STARTUP_MS} ms: ${out.slice(-500)}`)), STARTUP_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = readyUrl(out);
      if (!url) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ url, pid: child.pid!, stop: () => stopChild(child) });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready: ${out.slice(-500)}`)));
  });
}

function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
