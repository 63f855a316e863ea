import { describe, expect, it } from 'vitest';
import { stopOnSignals } from './stop-on-signals.ts';

const silent = { info: () => undefined, error: () => undefined };

describe('stopOnSignals', () => {
  it('runs the stop once however many signals arrive, then exits 0', async () => {
    const exits: number[] = [];
    let stops = 0;
    const shutdown = stopOnSignals({ logger: silent, graceMs: 10_000, message: 'draining', signals: [], exit: (code) => exits.push(code), stop: async () => void stops++ });
    await Promise.all([shutdown('SIGINT'), shutdown('SIGTERM'), shutdown('SIGTERM')]);
    expect({ stops, exits }).toEqual({ stops: 1, exits: [0] });
  });

  it('exits 1 when the stop fails', async () => {
    const exits: number[] = [];
    const shutdown = stopOnSignals({ logger: silent, graceMs: 10_000, message: 'draining', signals: [], exit: (code) => exits.push(code), stop: () => Promise.reject(new Error('boom')) });
    await shutdown('SIGTERM');
    expect(exits).toEqual([1]);
  });
});
