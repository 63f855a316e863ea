import type { Logger } from '@threadly/logger';

/**
 * One named step of a multi-step business flow (Medusa's workflow shape): what it does to the shared state, and
 * how to undo it. A compensation also runs for the step that failed, since a step that fails half-way (a request
 * whose answer was lost) may have had its effect; so every compensation must be safe when the step did nothing.
 */
export interface WorkflowStep<State> {
  name: string;
  invoke(state: State): Promise<void>;
  compensate?(state: State): Promise<void>;
}

/**
 * Runs `steps` in order over `state`. When one throws, every step that started is compensated, last first, and
 * the original error is rethrown; a compensation that fails is logged and the others still run, so one broken
 * undo never leaves the rest done.
 */
export async function runWorkflow<State>(name: string, steps: ReadonlyArray<WorkflowStep<State>>, state: State, logger: Logger): Promise<State> {
  const started: Array<WorkflowStep<State>> = [];
  try {
    for (const step of steps) {
      started.push(step);
      await step.invoke(state);
    }
    return state;
  } catch (error) {
    for (const step of started.reverse()) {
      try {
        await step.compensate?.(state);
      } catch (compensationError) {
        logger.error({ err: compensationError, workflow: name, step: step.name, cause: error }, 'compensation failed');
      }
    }
    throw error;
  }
}
