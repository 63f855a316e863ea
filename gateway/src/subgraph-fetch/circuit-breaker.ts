/** Prometheus-friendly numbers: 0 closed, 1 half-open, 2 open. */
export const CircuitState = { closed: 0, halfOpen: 1, open: 2 } as const;
export type CircuitStateName = keyof typeof CircuitState;

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

  /** Whether an attempt may go upstream now; when it returns true, report its outcome with `succeeded`/`failed`. */
  tryAcquire(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.options.coolDownMs) return false;
      this.moveTo('halfOpen');
    }
    if (this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.probeInFlight = false;
    if (this.current !== 'closed') this.moveTo('closed');
  }

  failed(): void {
    this.failures += 1;
    const probeFailed = this.probeInFlight;
    this.probeInFlight = false;
    if (probeFailed || (this.current === 'closed' && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.moveTo('open');
    }
  }

  private moveTo(state: CircuitStateName) {
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
