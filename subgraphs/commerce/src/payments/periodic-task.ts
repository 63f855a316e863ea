import type { Logger } from '@threadly/logger';

export interface PeriodicTask {
  /** Runs the task now (or right after the run in progress), without waiting for the next tick. */
  poke(): void;
  /** Resolves when no run is in progress and none is asked for. */
  idle(): Promise<void>;
  /** Stops the ticks and waits for the run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, and whenever poked, never two runs at once: a poke during a run asks for one
 * more run after it. A failing run is logged; the next tick tries again. The timer does not keep the process alive.
 */
export function startPeriodicTask(name: string, intervalMs: number, task: () => Promise<void>, logger: Logger): PeriodicTask {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await task();
        } catch (error) {
          logger.error({ err: error, task: name }, 'background task failed; retrying at the next tick');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    poke: () => {
      if (!stopped) void run();
    },
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
