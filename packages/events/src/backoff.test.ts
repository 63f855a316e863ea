import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';

const policy = { baseMs: 200, maxMs: 10_000 };

describe('retryDelayMs', () => {
  it('doubles with each failed attempt, within the upper half of base × 2^(attempt−1)', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy, () => 0))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy, () => 1))).toEqual([200, 400, 800, 1_600]);
  });

  it('is capped, jitter included', () => {
    expect(retryDelayMs(30, policy, () => 1)).toBe(10_000);
    expect(retryDelayMs(30, policy, () => 0)).toBe(5_000);
  });
});
