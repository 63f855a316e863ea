import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { startOtlpReceiver } from '@threadly/testing';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/** Runs test/log-inside-span.ts as its own process and returns its JSON log lines and the span it logged in. */
async function logInsideSpan(env: Record<string, string>) {
  // Asynchronous: the test's own OTLP receiver must keep answering while the process exports to it.
  const result = await new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, ['--import', 'tsx', 'packages/logger/test/log-inside-span.ts'], { cwd: root, env: { PATH: process.env.PATH, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
  expect(result.status, result.stderr).toBe(0);
  const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const span = JSON.parse(result.stderr.trim().split('\n').at(-1) ?? '{}') as { traceId?: string; spanId?: string };
  return { lines: Object.fromEntries(lines.map((line) => [line.msg, line])), span };
}

describe('log lines and traces', () => {
  it('carry the active span\'s traceId and spanId when tracing is on', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const { lines, span } = await logInsideSpan({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(lines['inside a request']).toMatchObject({ traceId: span.traceId, spanId: span.spanId, detail: 'kept' });
      expect(lines['outside any span']).toMatchObject({ detail: 'kept' });
      expect(lines['outside any span']).not.toHaveProperty('traceId');
      expect(receiver.spans.map((received) => [received.service, received.name, received.spanId])).toEqual([['log-fixture', 'GET /graphql', span.spanId]]);
    } finally {
      await receiver.close();
    }
  });

  it('carry no trace fields when tracing is off', async () => {
    const { lines, span } = await logInsideSpan({});
    expect(span.traceId).toBe('00000000000000000000000000000000');
    expect(lines['inside a request']).not.toHaveProperty('traceId');
    expect(lines['inside a request']).not.toHaveProperty('spanId');
  });
});
