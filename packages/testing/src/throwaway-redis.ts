import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { endChild } from './child-process-exit.ts';
import { freePort } from './free-port.ts';
import { requireExecutable, spawnServer, waitUntilListening } from './server-binary.ts';

export interface ThrowawayRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL after a bounded wait); clients see their connections drop. */
  stop(): Promise<void>;
  /** Starts it again on the same port, so clients reconnect to it. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
}

export interface ThrowawayRedisOptions {
  /**
   * `none` (default): memory only, a restart starts empty. `aof`: an append-only file fsynced on every write, so a
   * restart keeps streams and consumer groups, as a Redis that carries events must be configured in production.
   */
  persistence?: 'none' | 'aof';
  redisServer?: string;
  /** Longest wait for the server to accept connections (default 10 s). */
  startTimeoutMs?: number;
}

/**
 * A redis-server of the test's own on a free port, for tests that stop and restart Redis: the machine's shared
 * one is never touched.
 */
export async function startThrowawayRedis(options: ThrowawayRedisOptions = {}): Promise<ThrowawayRedis> {
  const binary = requireExecutable(options.redisServer ?? '/usr/bin/redis-server', 'install redis-server (apt-get install redis-server) to run this test');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'threadly-redis-'));
  const persistence = options.persistence === 'aof' ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--daemonize', 'no', ...persistence];
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child) return;
    const server = spawnServer(binary, args);
    child = server.child;
    try {
      await waitUntilListening(server, port, options.startTimeoutMs ?? 10_000, () => isLoaded(port));
    } catch (error) {
      await stop();
      throw error;
    }
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running) await endChild(running, 'SIGTERM', 5_000);
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    close: async () => {
      try {
        await stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** PING answers PONG only once the data set is loaded (a restart with AOF answers LOADING until then). */
async function isLoaded(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const timer = setTimeout(() => finish(false), 1_000);
    function finish(ok: boolean) {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    }
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
    socket.once('error', () => finish(false));
  });
}
