import { GraphQLBoolean, GraphQLInt, GraphQLObjectType, GraphQLSchema, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createEventStreams } from './event-streams.ts';

/** A source stream the test feeds, which records whether it was returned (unsubscribed). */
function controllableSource() {
  const waiting: Array<(result: IteratorResult<number>) => void> = [];
  const state = { returned: false, failWith: undefined as Error | undefined };
  const source: AsyncIterableIterator<number> = {
    next: () => (state.failWith ? Promise.reject(state.failWith) : new Promise((resolve) => waiting.push(resolve))),
    return: async () => {
      state.returned = true;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => source,
  };
  return { source, state, emit: (value: number) => waiting.shift()?.({ done: false, value }) };
}

function schemaOver(source: AsyncIterableIterator<number>) {
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        tick: {
          type: GraphQLInt,
          subscribe: () => source,
          // Which context resolved the event: each must have its own.
          resolve: (value: number, _args, context: { number: number }) => value * 100 + context.number,
        },
      },
    }),
  });
}

describe('event streams', () => {
  it('executes every event with a context of its own and completes when ended', async () => {
    const { source, state, emit } = controllableSource();
    const streams = createEventStreams();
    let contexts = 0;
    const stream = (await streams.subscribe(
      { schema: schemaOver(source), document: parse('subscription { tick }'), contextValue: { number: 0 } },
      async () => ({ number: ++contexts }),
    )) as AsyncIterableIterator<ExecutionResult>;
    expect(streams.count()).toBe(1);
    const first = stream.next();
    emit(1);
    expect((await first).value).toEqual({ data: { tick: 101 } });
    const second = stream.next();
    emit(2);
    expect((await second).value).toEqual({ data: { tick: 202 } });
    const pending = stream.next();
    streams.endAll();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(state.returned).toBe(true);
    expect(streams.count()).toBe(0);
  });

  it('ends the stream and releases its source when the source fails', async () => {
    const { source, state } = controllableSource();
    const streams = createEventStreams();
    const stream = (await streams.subscribe(
      { schema: schemaOver(source), document: parse('subscription { tick }') },
      async () => ({ number: 0 }),
    )) as AsyncIterableIterator<ExecutionResult>;
    state.failWith = new Error('too slow');
    await expect(stream.next()).rejects.toThrow('too slow');
    expect(state.returned).toBe(true);
    expect(streams.count()).toBe(0);
  });
});

describe('event streams, when an event cannot be executed', () => {
  it('ends the stream and releases its source', async () => {
    const { source, state, emit } = controllableSource();
    const streams = createEventStreams();
    const stream = (await streams.subscribe({ schema: schemaOver(source), document: parse('subscription { tick }') }, async () => {
      throw new Error('database unreachable');
    })) as AsyncIterableIterator<ExecutionResult>;
    const next = stream.next();
    emit(1);
    await expect(next).rejects.toThrow('database unreachable');
    expect(state.returned).toBe(true);
    expect(streams.count()).toBe(0);
  });
});
