import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

/** A subscription's response stream that shutdown can end: `end()` makes the pending and later `next()` done. */
interface EventStream extends AsyncIterableIterator<ExecutionResult> {
  end(): void;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * Runs subscriptions the way graphql-js does (the `subscribe` resolvers give a source stream; each event is
 * executed with the event as root value), with one difference: each event is executed with a context of its own,
 * so DataLoaders never serve a row cached by an earlier event — each event reads like a fresh request. The
 * streams are tracked so that shutdown can complete them all.
 */
export function createEventStreams() {
  const live = new Set<EventStream>();
  return {
    async subscribe(args: ExecutionArgs, contextForEvent: () => Promise<unknown>): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
      const source = await createSourceEventStream(args);
      // Not a stream: the errors of the `subscribe` resolvers (FORBIDDEN, NOT_FOUND, …) as a result.
      if (!isAsyncIterable(source)) return source;
      const stream = eventStream(
        source[Symbol.asyncIterator](),
        async (event) => execute({ ...args, rootValue: event, contextValue: await contextForEvent() }),
        () => live.delete(stream),
      );
      live.add(stream);
      return stream;
    },
    /** Ends every stream: graphql-ws then sends each subscriber `complete`. */
    endAll() {
      for (const stream of [...live]) stream.end();
    },
    count: () => live.size,
  };
}

// A plain iterator rather than an async generator: a generator's `return()` waits for a pending `next()`, so a
// client's `complete` (or shutdown) would only take effect at the next event.
function eventStream(source: AsyncIterator<unknown>, map: (event: unknown) => Promise<ExecutionResult>, onEnd: () => void): EventStream {
  let ended = false;
  let stop = () => {};
  const stopped = new Promise<IteratorReturnResult<undefined>>((resolve) => (stop = () => resolve({ done: true, value: undefined })));
  const finish = async () => {
    if (ended) return;
    ended = true;
    stop();
    onEnd();
    await source.return?.();
  };
  const done = { done: true, value: undefined } as const;
  const stream: EventStream = {
    async next() {
      if (ended) return done;
      let step: IteratorResult<unknown>;
      try {
        step = await Promise.race([source.next(), stopped]);
      } catch (error) {
        await finish();
        throw error;
      }
      if (step.done || ended) {
        await finish();
        return done;
      }
      return { done: false, value: await map(step.value) };
    },
    async return() {
      await finish();
      return done;
    },
    async throw(error: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => stream,
    end: () => void finish(),
  };
  return stream;
}
