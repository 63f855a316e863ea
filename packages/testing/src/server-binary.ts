import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';

/** Fails in one line naming the binary when it is not installed, instead of a spawn ENOENT later. */
export function requireExecutable(path: string, hint: string): string {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    throw new Error(`${path} is not installed or not executable: ${hint}`);
  }
}

/** Starts `command` with its output kept (the last lines go into the error when it fails to come up). */
export function spawnServer(command: string, args: string[]): SpawnedServer {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

export interface SpawnedServer {
  child: ChildProcess;
  output: () => string;
}

/** The last lines the server printed, for an error message. */
export const lastLines = (server: SpawnedServer) => server.output().trim().split('\n').slice(-3).join(' | ');

/**
 * Polls until `port` accepts a TCP connection and `probe` (if given) succeeds, or fails after `timeoutMs`, or at
 * once when the server exits (a port taken in between, a bad flag), with its last lines in the message. Bounded:
 * a server that never comes up fails the test instead of hanging it.
 */
export async function waitUntilListening(server: SpawnedServer, port: number, timeoutMs: number, probe?: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exited = () => server.child.exitCode !== null || server.child.signalCode !== null;
  while (Date.now() < deadline && !exited()) {
    if ((await accepts(port)) && (!probe || (await probe().catch(() => false))) && !exited()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const how = exited() ? `exited (${server.child.signalCode ?? server.child.exitCode}) before listening` : `did not come up within ${timeoutMs} ms`;
  throw new Error(`server on port ${port} ${how}: ${lastLines(server)}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
