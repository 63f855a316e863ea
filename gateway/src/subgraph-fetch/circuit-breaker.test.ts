import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitStateName } from './circuit-breaker.ts';

/** A breaker on a clock the test moves by hand. */
function breakerOnFakeClock() {
  let now = 1_000_000;
  const changes: CircuitStateName[] = [];
  const breaker = new CircuitBreaker({ failureThreshold: 5, coolDownMs: 5_000, now: () => now, onStateChange: (state) => changes.push(state) });
  const failTimes = (n: number) => {
    for (let i = 0; i < n; i += 1) {
      const attempt = breaker.tryAcquire();
      expect(attempt).toBeDefined();
      attempt?.failed();
    }
  };
  return { breaker, changes, failTimes, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker', () => {
  it('stays closed through 4 consecutive failures and opens on the 5th; then fails fast', () => {
    const { breaker, changes, failTimes } = breakerOnFakeClock();
    failTimes(4);
    expect(breaker.state).toBe('closed');
    failTimes(1);
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['open']);
    expect(breaker.tryAcquire()).toBeUndefined();
  });

  it('counts only consecutive failures: a success in between starts the count again', () => {
    const { breaker, failTimes } = breakerOnFakeClock();
    failTimes(4);
    breaker.tryAcquire()?.succeeded();
    failTimes(4);
    expect(breaker.state).toBe('closed');
  });

  it('after the cool-down lets exactly one probe through; its success closes the circuit', () => {
    const { breaker, changes, failTimes, advance } = breakerOnFakeClock();
    failTimes(5);
    advance(4_999);
    expect(breaker.tryAcquire()).toBeUndefined();
    advance(1);
    const probe = breaker.tryAcquire();
    expect(probe).toBeDefined();
    expect(breaker.state).toBe('halfOpen');
    expect(breaker.tryAcquire()).toBeUndefined();
    probe?.succeeded();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBeDefined();
    expect(changes).toEqual(['open', 'halfOpen', 'closed']);
  });

  it('a failed probe opens the circuit for another full cool-down', () => {
    const { breaker, failTimes, advance } = breakerOnFakeClock();
    failTimes(5);
    advance(5_000);
    breaker.tryAcquire()?.failed();
    expect(breaker.state).toBe('open');
    advance(4_999);
    expect(breaker.tryAcquire()).toBeUndefined();
    advance(1);
    expect(breaker.tryAcquire()).toBeDefined();
  });

  it('a late failure of an attempt let through before the circuit opened does not fail the probe', () => {
    const { breaker, failTimes, advance } = breakerOnFakeClock();
    const slow = breaker.tryAcquire();
    failTimes(5);
    advance(5_000);
    const probe = breaker.tryAcquire();
    slow?.failed();
    expect(breaker.state).toBe('halfOpen');
    probe?.succeeded();
    expect(breaker.state).toBe('closed');
  });
});
