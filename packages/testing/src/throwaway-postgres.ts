import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { requireExecutable } from './server-binary.ts';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  url: string;
  port: number;
  /** Stops the server: `fast` (default) rolls back open transactions and closes sessions; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port with its data kept (after `immediate`, PostgreSQL recovers from its WAL). */
  start(): Promise<void>;
  /** Stops it for good and removes its data directory, even when stopping fails. */
  close(): Promise<void>;
}

export interface ThrowawayPostgresOptions {
  /** Directory of initdb/pg_ctl; the newest /usr/lib/postgresql/<version>/bin by default. */
  binDir?: string;
  /** Longest wait for start and stop (default 30 s each). */
  timeoutMs?: number;
}

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, a free port), for tests that stop
 * and restart the database: the machine's shared server is never touched. PostgreSQL refuses to run as root, so
 * as root the cluster belongs to the `postgres` user and every command runs as it (`runuser`). fsync is off: the
 * data only has to survive a server restart, not the machine's. `synchronous_commit` stays on: with it off, an
 * immediate stop loses acknowledged commits, which is exactly what the fault tests look for.
 */
export async function startThrowawayPostgres(options: ThrowawayPostgresOptions = {}): Promise<ThrowawayPostgres> {
  const binDir = options.binDir ?? newestPostgresBinDir();
  const initdb = requireExecutable(join(binDir, 'initdb'), 'install PostgreSQL server binaries (apt-get install postgresql) to run this test');
  const pgCtl = requireExecutable(join(binDir, 'pg_ctl'), 'install PostgreSQL server binaries (apt-get install postgresql) to run this test');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUserIds() : undefined;
  const as = (command: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args], { timeout: timeoutMs }) : run(command, args, { timeout: timeoutMs }));
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'threadly-postgres-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off`;
  let running = false;
  const failure = (step: string, error: unknown) =>
    new Error(`throwaway PostgreSQL: ${step} failed: ${((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').slice(-2).join(' | ')}`);
  const start = async () => {
    if (running) return;
    try {
      await as(pgCtl, ['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', '-t', String(Math.ceil(timeoutMs / 1000)), 'start']);
      running = true;
    } catch (error) {
      throw failure('pg_ctl start', error);
    }
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    try {
      await as(pgCtl, ['-D', dataDir, '-m', mode, '-w', '-t', String(Math.ceil(timeoutMs / 1000)), 'stop']);
      running = false;
    } catch (error) {
      throw failure(`pg_ctl stop -m ${mode}`, error);
    }
  };
  const close = async () => {
    try {
      if (existsSync(join(dataDir, 'postmaster.pid'))) await as(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    } finally {
      running = false;
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await as(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']).catch((error: unknown) => {
      throw failure('initdb', error);
    });
    await start();
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop, start, close };
}

function newestPostgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error(`${root}/<version>/bin not found: install PostgreSQL server binaries (apt-get install postgresql) to run this test`);
  return join(root, versions[0]!, 'bin');
}

function postgresUserIds(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root needs a `postgres` system user to own the throwaway cluster (PostgreSQL refuses to run as root)');
  }
}
