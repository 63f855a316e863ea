import { createClient, type Client } from 'graphql-ws';
import type { FormattedExecutionResult } from 'graphql';
import WebSocket from 'ws';

export interface TestSubscription<Data = Record<string, unknown>> {
  /** The next result (data, or errors such as FORBIDDEN), waiting for it; rejects when the subscription fails or the connection closes first. */
  next(): Promise<FormattedExecutionResult<Data, Record<string, unknown>>>;
  /** Results received and not taken yet. */
  buffered(): number;
  /** Resolves when the server completes the subscription. */
  completed: Promise<void>;
  /** Resolves with the close code and reason when the connection closes. */
  closed: Promise<{ code: number; reason: string }>;
  /** Ends the subscription and the connection. */
  close(): Promise<void>;
}

/**
 * One graphql-ws (graphql-transport-ws) connection with one subscription, as the gateway or a client opens it:
 * `connectionParams` go in `connection_init`. No retries: a refused connection shows its close code.
 */
export function subscribeOverWebSocket<Data = Record<string, unknown>>(
  url: string,
  operation: { query: string; variables?: Record<string, unknown> },
  connectionParams: Record<string, unknown>,
): TestSubscription<Data> {
  const results: Array<FormattedExecutionResult<Data, Record<string, unknown>>> = [];
  const waiters: Array<{ resolve: (result: FormattedExecutionResult<Data, Record<string, unknown>>) => void; reject: (error: unknown) => void }> = [];
  let failure: { error: unknown } | undefined;
  let markCompleted = () => {};
  let markClosed = (_event: { code: number; reason: string }) => {};
  const completed = new Promise<void>((resolve) => (markCompleted = resolve));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (markClosed = resolve));
  const fail = (error: unknown) => {
    failure ??= { error };
    for (const waiter of waiters.splice(0)) waiter.reject(failure.error);
  };
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    // Open until closed: a lazy client would close the connection itself as soon as its subscription completes.
    lazy: false,
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string | Buffer };
        const closeEvent = { code, reason: String(reason) };
        markClosed(closeEvent);
        fail(Object.assign(new Error(`connection closed: ${closeEvent.code} ${closeEvent.reason}`), closeEvent));
      },
    },
  });
  client.subscribe<Data, Record<string, unknown>>(operation, {
    next: (result) => {
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(result);
      else results.push(result);
    },
    error: (error) => fail(error),
    complete: () => {
      markCompleted();
      fail(new Error('subscription completed'));
    },
  });
  return {
    next: () => {
      const result = results.shift();
      if (result) return Promise.resolve(result);
      if (failure) return Promise.reject(failure.error);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    buffered: () => results.length,
    completed,
    closed,
    close: () => client.dispose() as Promise<void>,
  };
}
