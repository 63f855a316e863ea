import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface ThrowawayPgBouncer {
  /** `serverUrl` with host and port replaced by the pooler's: the same database, reached through PgBouncer. */
  pooledUrl(serverUrl: string): string;
  port: number;
  /** Kills PgBouncer and deletes its directory; safe to call twice. */
  stop(): Promise<void>;
}

export interface ThrowawayPgBouncerOptions {
  /** The PostgreSQL server PgBouncer forwards to (its host and port; any database name is passed through). */
  serverUrl: string;
  /** Server connections per database and user: small, so clients really share them as they do in production. */
  poolSize?: number;
  pgbouncerPath?: string;
}

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts PgBouncer in transaction mode — a server connection is lent to a client for one transaction, as managed
 * poolers (and most production setups) do — on a free port in front of the machine's PostgreSQL, with trust auth,
 * its config and log in a temporary directory. Any database name is forwarded (`* =` fallback), so a fresh test
 * database works without editing the config. Torn down on failure, and killed if the test process exits.
 */
export async function startThrowawayPgBouncer({ serverUrl, poolSize = 2, pgbouncerPath = '/usr/sbin/pgbouncer' }: ThrowawayPgBouncerOptions): Promise<ThrowawayPgBouncer> {
  const server = new URL(serverUrl);
  const directory = await mkdtemp(join(tmpdir(), 'threadly-pgbouncer-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const kill = () => child?.exitCode === null && child.kill('SIGKILL');
  process.once('exit', kill);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      process.off('exit', kill);
      await rm(directory, { recursive: true, force: true });
    })());

  try {
    const user = decodeURIComponent(server.username) || 'postgres';
    await writeFile(join(directory, 'userlist.txt'), `"${user}" ""\n`);
    await writeFile(
      join(directory, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${server.hostname} port=${server.port || 5432}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${join(directory, 'userlist.txt')}`,
        'pool_mode = transaction',
        // The admin console (database `pgbouncer`), so tests can read SHOW STATS and see traffic went through.
        `admin_users = ${user}`,
        `default_pool_size = ${poolSize}`,
        'max_client_conn = 200',
        // node-postgres sends none of these by default; tools that do (psql, Prisma's CLI) are let through.
        'ignore_startup_parameters = extra_float_digits,options',
        `logfile = ${join(directory, 'pgbouncer.log')}`,
        `pidfile = ${join(directory, 'pgbouncer.pid')}`,
        '',
      ].join('\n'),
    );
    // PgBouncer refuses to run as root: as root (CI containers), run it as the postgres system user instead.
    const asRoot = userInfo().uid === 0;
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      for (const file of ['', 'userlist.txt', 'pgbouncer.ini']) await chown(join(directory, file), uid, gid);
    }
    child = spawn(pgbouncerPath, [...(asRoot ? ['-u', 'postgres'] : []), join(directory, 'pgbouncer.ini')], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child!.once('spawn', resolve);
      child!.once('error', reject);
    });
    for (let attempt = 0; !(await accepting(port)); attempt++) {
      if (attempt >= 100 || child.exitCode !== null) {
        const log = await readFile(join(directory, 'pgbouncer.log'), 'utf8').catch(() => '(no log)');
        throw new Error(`throwaway PgBouncer did not start on port ${port}:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      port,
      pooledUrl(url) {
        const pooled = new URL(url);
        pooled.hostname = '127.0.0.1';
        pooled.port = String(port);
        return pooled.toString();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
