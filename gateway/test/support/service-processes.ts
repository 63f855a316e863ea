import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '../../..');

export interface ServiceProcess {
  name: string;
  /** The URL its "ready" log line announced (e.g. http://127.0.0.1:40123/graphql). */
  url: string;
  /** Everything it wrote, for a failure message. */
  output(): string;
  /** SIGTERM (a graceful stop, which also exports the last spans), SIGKILL if still running after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts one of the repository's entry points as its own process (`node --import tsx <entry>`, as the README's
 * "Running on real servers" does) with exactly `env` (plus PATH), and resolves when it logs `readyMessage` with the
 * URL it serves. Rejects, after killing it, when it exits first or is not ready within `timeoutMs`.
 */
export function startServiceProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  { readyMessage, timeoutMs }: { readyMessage: string; timeoutMs: number },
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  const output = () => lines.join('\n');
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolveReady, rejectReady) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stop(0).then(() => rejectReady(new Error(`${name} did not start: ${reason}\n${output().slice(-4000)}`)));
    };
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const exitedEarly = (code: number | null, signal: string | null) => fail(`exited (${code ?? signal}) before it was ready`);
    child.once('exit', exitedEarly);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const entryLine = parseLogLine(line);
      if (entryLine?.msg !== readyMessage || typeof entryLine.url !== 'string') return;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      resolveReady({ name, url: entryLine.url, output, stop });
    });
  });
}

function parseLogLine(line: string): { msg?: string; url?: unknown } | undefined {
  try {
    return JSON.parse(line) as { msg?: string; url?: unknown };
  } catch {
    return undefined;
  }
}

/**
 * A port nothing listens on right now, so processes that must know each other's address can all start at once. (Another
 * process could take it in between; on loopback in a test run that is rare, and the start then fails loudly.)
 */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}
