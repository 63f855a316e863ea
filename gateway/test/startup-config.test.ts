// A wrong variable must stop a process at start with one line naming it, not a stack trace, and exit non-zero.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function start(entry: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, lines: result.stderr.trim().split('\n').filter(Boolean) };
}

describe('start-up configuration', () => {
  it('the gateway names a malformed variable in one line and exits 1', () => {
    const { status, lines } = start('gateway/src/main.ts', { GATEWAY_PORT: 'eighty', CATALOG_URL: 'not a url' });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^Invalid configuration: GATEWAY_PORT — expected a port number/),
      expect.stringMatching(/^Invalid configuration: CATALOG_URL — expected an http\(s\) URL/),
    ]);
  });

  it('a subgraph refuses production without a real identity secret', () => {
    const { status, lines } = start('subgraphs/catalog/src/main.ts', { NODE_ENV: 'production', DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^Invalid configuration: IDENTITY_HEADER_SECRET — the development default is refused/)]);
  });

  it('npm start refuses development impersonation in production', () => {
    const { status, lines } = start('scripts/start.ts', { NODE_ENV: 'production', DEV_IMPERSONATION: 'true', IDENTITY_HEADER_SECRET: 'p'.repeat(40) });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^Invalid configuration: DEV_IMPERSONATION — must be false/)]);
  });
});
