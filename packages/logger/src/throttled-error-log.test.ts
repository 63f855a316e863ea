import { describe, expect, it } from 'vitest';
import { throttledErrorLog } from './throttled-error-log.ts';

describe('throttledErrorLog', () => {
  it('logs the first failure, swallows repeats within the interval, then logs again with the count', () => {
    const lines: unknown[][] = [];
    const clock = { now: 0 };
    const log = throttledErrorLog({ error: (...args: unknown[]) => lines.push(args) }, 30_000, () => clock.now);
    for (let i = 0; i < 50; i += 1) log(new Error('ECONNREFUSED'), 'Redis down');
    expect(lines).toHaveLength(1);
    clock.now += 30_000;
    log(new Error('ECONNREFUSED'), 'Redis down');
    expect(lines).toHaveLength(2);
    expect(lines[1]![0]).toMatchObject({ suppressedSinceLastLog: 49 });
  });
});
