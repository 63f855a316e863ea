import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface TopologyProcessOptions {
  /** `identity-1`, `gateway-2`: names the process in logs and errors. */
  name: string;
  /** Entry point relative to `cwd`, run with tsx's loader (`node --import tsx`), as docker-compose runs it. */
  entry: string;
  cwd: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  readyTimeoutMs: number;
}

/** One child process of the topology: a subgraph replica or a gateway. */
export interface TopologyProcess {
  name: string;
  /** `http://127.0.0.1:<port>`; the GraphQL endpoint is `${url}/graphql`. */
  url: string;
  port: number;
  /** The running child's pid; undefined while it is not running. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Where its stdout and stderr go (appended to across restarts). */
  logFile: string;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and resolves once it is ready. */
  start(): Promise<void>;
  /** Resolves once `GET /ready` answers 200; rejects naming the process and its log's tail if it exits or the wait runs out. */
  ready(): Promise<void>;
  /** Exits nobody asked for (a crash), with their code or signal. */
  readonly unexpectedExits: readonly string[];
}

const POLL_MS = 100;

export function logTail(logFile: string, lines = 25): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}

export function createTopologyProcess(options: TopologyProcessOptions): TopologyProcess {
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let expectingExit = false;
  const unexpectedExits: string[] = [];

  const spawnChild = () => {
    const log = openSync(options.logFile, 'a');
    try {
      const started = spawn(process.execPath, ['--import', 'tsx', options.entry], {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', log, log],
        // Its own process group: a Ctrl-C in the terminal reaches only the parent, which stops every child once
        // (SIGTERM); a child signalled by both would run its shutdown twice.
        detached: true,
      });
      child = started;
      expectingExit = false;
      exited = new Promise((resolve) => {
        started.once('exit', (code, signal) => {
          if (!expectingExit) unexpectedExits.push(`${options.name} exited (${signal ?? `code ${code}`})`);
          if (child === started) child = undefined;
          resolve();
        });
      });
    } finally {
      closeSync(log);
    }
  };

  const failure = (why: string) =>
    new Error(`${options.name} (${options.entry}, port ${options.port}) ${why}; last lines of ${options.logFile}:\n${logTail(options.logFile)}`);

  const ready = async () => {
    const deadline = Date.now() + options.readyTimeoutMs;
    for (;;) {
      if (!child) throw failure('exited before it was ready');
      try {
        const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        // Not listening yet (or busy compiling): poll again until the deadline.
      }
      if (Date.now() > deadline) throw failure(`was not ready within ${options.readyTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  spawnChild();
  return {
    name: options.name,
    url,
    port: options.port,
    logFile: options.logFile,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== undefined;
    },
    unexpectedExits,
    async kill(signal = 'SIGTERM') {
      if (!child) return;
      expectingExit = true;
      child.kill(signal);
      await exited;
    },
    async start() {
      if (child) throw new Error(`${options.name} is already running (pid ${child.pid})`);
      spawnChild();
      await ready();
    },
    ready,
  };
}
