/**
 * The subscriber has not taken its events for so long that `maxQueue` of them are waiting: it is dropped. The
 * code travels with it: graphql-ws wraps the error, and a GraphQLError takes `extensions` from its original error.
 */
export class SubscriberOverflowError extends Error {
  override name = 'SubscriberOverflowError';
  readonly extensions = { code: 'RATE_LIMITED', reason: 'SUBSCRIBER_TOO_SLOW' };
}

export interface ChannelIteratorOptions {
  /** Events waiting for the consumer before it is dropped with `SubscriberOverflowError`. */
  maxQueue: number;
  /** Event ids remembered to drop a redelivered event (the publisher delivers at least once). */
  recentIds: number;
}

/** What travels on a channel: the payload and the id of the domain event it came from. */
export interface ChannelMessage<Payload> {
  eventId: string;
  payload: Payload;
}

/**
 * An async iterator over one channel's messages with a bounded queue: a consumer that falls behind is failed
 * rather than left to grow memory, and a message whose event id was seen recently is skipped, so a redelivered
 * event reaches each subscriber once. `return()` ends it at once, even while a `next()` is waiting.
 */
export function channelIterator<Payload>(options: ChannelIteratorOptions, onEnd: () => void) {
  const queue: Payload[] = [];
  const recent = new Set<string>();
  let waiting: ((result: IteratorResult<Payload>) => void) | undefined;
  let failure: Error | undefined;
  let ended = false;

  const end = () => {
    if (ended) return;
    ended = true;
    queue.length = 0;
    onEnd();
    waiting?.({ done: true, value: undefined });
    waiting = undefined;
  };

  const iterator: AsyncIterableIterator<Payload> & { push(message: ChannelMessage<Payload>): void } = {
    push({ eventId, payload }) {
      if (ended || recent.has(eventId)) return;
      recent.add(eventId);
      if (recent.size > options.recentIds) recent.delete(recent.values().next().value!);
      if (waiting) {
        waiting({ done: false, value: payload });
        waiting = undefined;
      } else if (queue.length >= options.maxQueue) {
        // The queue is dropped; the consumer's next `next()` gets the failure.
        failure = new SubscriberOverflowError(`More than ${options.maxQueue} events were waiting for this subscriber; it was dropped.`);
        end();
      } else {
        queue.push(payload);
      }
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ done: false, value: queue.shift()! });
      if (failure) {
        const error = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      end();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
