import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { spawnServer, waitUntilListening } from './server-binary.ts';

const run = promisify(execFile);

export interface ThrowawayRedisCluster {
  /** REDIS_URL for the processes under test: the first node as seed, with `?cluster=true`. */
  url: string;
  /** The nodes' client ports (each node's cluster bus port is separate and also free). */
  ports: number[];
  /** Kills every node and deletes the temporary directory; safe to call twice. */
  stop(): Promise<void>;
}

const redisCli = (port: number, ...args: string[]) => run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 });

/** Polls `check` every 100 ms until it returns true, for at most `attempts` tries; throws `what` after that. */
async function waitUntil(what: string, check: () => Promise<boolean>, attempts = 300): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`throwaway Redis Cluster: ${what} did not happen in time`);
}

/**
 * Starts a real Redis Cluster of `masters` nodes (no replicas) on free ports, for tests of the cluster code paths:
 * `redis-server --cluster-enabled yes` per node, each with its config file in a temporary directory, joined by
 * `redis-cli --cluster create`, and returned once every node reports `cluster_state:ok`. Nothing of the machine's
 * own Redis is touched. If any step fails, what was started is torn down before the error propagates; the nodes
 * are also killed if the test process exits without calling `stop()`.
 */
export async function startThrowawayRedisCluster({ masters = 3 }: { masters?: number } = {}): Promise<ThrowawayRedisCluster> {
  const directory = await mkdtemp(join(tmpdir(), 'threadly-redis-cluster-'));
  const nodes: ChildProcess[] = [];
  const killAll = () => nodes.forEach((node) => node.exitCode === null && node.kill('SIGKILL'));
  process.once('exit', killAll);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(
        nodes.map((node) =>
          node.exitCode !== null || node.signalCode !== null ? undefined : new Promise<void>((resolve) => {
            node.once('exit', () => resolve());
            node.kill('SIGKILL');
          }),
        ),
      );
      process.off('exit', killAll);
      await rm(directory, { recursive: true, force: true });
    })());

  try {
    const ports: number[] = [];
    for (let index = 0; index < masters; index++) ports.push(await startNode(directory, nodes));
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 60_000 });
    for (const port of ports) {
      await waitUntil(`cluster_state:ok on node ${port}`, async () => (await redisCli(port, 'CLUSTER', 'INFO')).stdout.includes('cluster_state:ok'));
    }
    return { url: `redis://127.0.0.1:${ports[0]}?cluster=true`, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts one cluster node on fresh free ports and waits until it answers as itself. A port the OS called free can
 * be taken by another test's server before redis-server binds it (CI once saw a node never answer and lost 30 s);
 * a node that exits is noticed at once and started again on other ports, up to three times, its output in the error.
 */
async function startNode(directory: string, nodes: ChildProcess[]): Promise<number> {
  let lastFailure: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const [port, busPort] = [await freePort(), await freePort()];
    const server = spawnServer('redis-server', [
      '--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1',
      '--cluster-enabled', 'yes', '--cluster-config-file', join(directory, `nodes-${port}.conf`), '--cluster-node-timeout', '5000',
      '--dir', directory, '--save', '', '--appendonly', 'no', '--protected-mode', 'no',
    ]);
    nodes.push(server.child);
    try {
      // Our node, not another test's server that took the port first: INFO names the process that answers.
      await waitUntilListening(server, port, 30_000, async () => (await redisCli(port, 'INFO', 'server')).stdout.includes(`process_id:${server.child.pid}\r`));
      return port;
    } catch (error) {
      lastFailure = error;
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    }
  }
  throw lastFailure;
}
