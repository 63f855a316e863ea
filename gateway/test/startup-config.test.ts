// A wrong variable must stop a process at start with one line naming it, not a stack trace, and exit non-zero.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it('npm start refuses the development Clerk key in production, however it is written', () => {
    const production = { NODE_ENV: 'production', IDENTITY_HEADER_SECRET: 'p'.repeat(40), CLERK_WEBHOOK_SIGNING_SECRET: `whsec_${'c2VjcmV0'.repeat(4)}` };
    const refusal = [expect.stringMatching(/^Invalid configuration: CLERK_JWT_KEY — the development key is refused when NODE_ENV=production/)];
    const unset = start('scripts/start.ts', production);
    expect(unset).toEqual({ status: 1, lines: refusal });
    const oneLine = readFileSync(resolve(root, 'gateway/dev-keys/clerk-dev-public.pem'), 'utf8').trim().replaceAll('\n', '\\n');
    expect(start('gateway/src/main.ts', { ...production, CLERK_JWT_KEY: oneLine })).toEqual({ status: 1, lines: refusal });
  });

  it('the gateway names a Clerk variable it cannot use', () => {
    const { status, lines } = start('gateway/src/main.ts', { CLERK_JWT_KEY: 'not a key', CLERK_AUTHORIZED_PARTIES: 'localhost:5173', CLERK_CLOCK_SKEW_MS: '600000' });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^Invalid configuration: CLERK_JWT_KEY — expected the Clerk instance's PEM public key/),
      expect.stringMatching(/^Invalid configuration: CLERK_AUTHORIZED_PARTIES — expected comma-separated origins/),
      expect.stringMatching(/^Invalid configuration: CLERK_CLOCK_SKEW_MS — expected at most 60000/),
    ]);
  });

  it('every process names a tracing variable it cannot use', () => {
    const expected = [expect.stringMatching(/^Invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT — expected the http\(s\) URL of an OTLP\/HTTP collector/)];
    expect(start('gateway/src/main.ts', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toEqual({ status: 1, lines: expected });
    expect(start('subgraphs/messaging/src/main.ts', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', DATABASE_URL: 'postgres://127.0.0.1:1/none' })).toEqual({ status: 1, lines: expected });
  });
});
