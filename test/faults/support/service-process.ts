import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { endChild } from '@threadly/testing';
import { waitFor } from './wait-for.ts';

const root = resolve(import.meta.dirname, '../../..');

export interface ServiceProcess {
  child: ChildProcess;
  /** Its stdout and stderr so far (pino JSON lines), for assertions and for the failure message. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (cleanup after a failed test). */
  kill(): Promise<void>;
}

/** Runs one of the project's entry points (`gateway/src/main.ts`, `subgraphs/<name>/src/main.ts`) as production does. */
export function startServiceProcess(entry: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, output: () => output, exited, kill: () => endChild(child, 'SIGKILL', 5_000) };
}

/** Waits (bounded) until `url`'s `/ready` answers 200; fails with the process's last output otherwise. */
export async function waitUntilReady(service: ServiceProcess, url: string, timeoutMs = 60_000) {
  const ready = await waitFor(async () => (await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2_000) })).ok, timeoutMs, 200);
  if (!ready) throw new Error(`${url} did not become ready within ${timeoutMs} ms:\n${service.output().slice(-2_000)}`);
}

/** The pino lines of a process, parsed (non-JSON lines dropped). */
export function logLines(service: ServiceProcess): Array<Record<string, unknown>> {
  return service
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
