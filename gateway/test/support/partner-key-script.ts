import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run partner-key -- <args>` from the repository root against `databaseUrl` (none: DATABASE_URL unset). */
export function runPartnerKeyScript(args: string[], databaseUrl: string | undefined): Promise<ScriptRun> {
  return new Promise((resolvePromise, reject) => {
    const env = { PATH: process.env.PATH, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const child = spawn('npm', ['run', '--silent', 'partner-key', '--', ...args], { cwd: resolve(import.meta.dirname, '../../..'), env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') }));
  });
}

/** Issues a key with the script and returns it: the last line of stdout. */
export async function issuePartnerKey(databaseUrl: string, args: string[]): Promise<string> {
  const run = await runPartnerKeyScript(['create', ...args], databaseUrl);
  if (run.code !== 0) throw new Error(`partner-key create ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout.trim().split('\n').at(-1)!;
}
