import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The garbage collector, callable: `global.gc` when node runs with --expose-gc, else V8's own `gc` exposed for this
 * process from here on (the flag is read when a context is created, so a fresh one carries it).
 */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Bytes of live heap after full collections: what is still reachable, not what merely has not been swept yet. */
export async function heapAfterGc(): Promise<number> {
  const gc = collector();
  // Several rounds with turns of the event loop between them, so finalizers and sockets closing in the background
  // release what they hold before the last measure.
  for (let round = 0; round < 4; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}
