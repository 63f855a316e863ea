/** Prometheus-friendly numbers: 0 closed, 1 half-open, 2 open. */
export const CircuitState = { closed: 0, halfOpen: 1, open: 2 } as const;
export type CircuitStateName = keyof typeof CircuitState;

/** One attempt let through; tell the breaker how it went. */
export interface CircuitAttempt {
  succeeded(): void;
  failed(): void;
}

export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before it lets one probe through (half-open). */
  coolDownMs: number;
  /** The clock; injectable so tests move time by hand. */
  now?: () => number;
  onStateChange?: (state: CircuitStateName) => void;
}

/**
 * One subgraph's circuit: closed (requests go through, consecutive failures counted), open after
 * `failureThreshold` of them (every request fails fast, so a dead subgraph costs no time and gets no load), then
 * half-open once `coolDownMs` has passed: exactly one probe goes through while the others still fail fast. The
 * probe's success closes the circuit; its failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private current: CircuitStateName = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitStateName {
    return this.current;
  }

  /**
   * Whether an attempt may go upstream now: `undefined` when not (fail fast), else the attempt, whose outcome
   * must be reported once. Only the half-open probe's own outcome decides the probe: an attempt let through
   * while the circuit was still closed and failing late does not count as the probe failing.
   */
  tryAcquire(): CircuitAttempt | undefined {
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.options.coolDownMs) return undefined;
      this.moveTo('halfOpen');
    }
    if (this.current === 'closed') return { succeeded: () => this.succeeded(), failed: () => this.failed(false) };
    if (this.probeInFlight) return undefined;
    this.probeInFlight = true;
    return { succeeded: () => this.succeeded(), failed: () => this.failed(true) };
  }

  private succeeded(): void {
    this.failures = 0;
    this.probeInFlight = false;
    if (this.current !== 'closed') this.moveTo('closed');
  }

  private failed(isProbe: boolean): void {
    this.failures += 1;
    if (isProbe) this.probeInFlight = false;
    if (isProbe || (this.current === 'closed' && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.moveTo('open');
    }
  }

  private moveTo(state: CircuitStateName) {
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
