import WebSocket from 'ws';

/** A graphql-transport-ws message as the gateway sends it. */
export interface WsMessage {
  type: string;
  id?: string;
  // Payload shapes differ per message; each test asserts the parts it reads.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload?: any;
}

export interface WsTestClient {
  /** Resolves with connection_ack, or rejects with the close code and reason when the server refuses. */
  ready: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  messages: WsMessage[];
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  complete(id: string): void;
  /** A graphql-ws ping; the gateway reads a fresh `authorization` from its payload. */
  ping(payload: Record<string, unknown>): void;
  /** The next message that matches (already received or still to come); fails after `timeoutMs`. */
  next(match: (message: WsMessage) => boolean, timeoutMs?: number): Promise<WsMessage>;
  /** Messages of one subscription so far. */
  of(id: string): WsMessage[];
  /** Stops reading from the socket, as a client on a stalled network would. */
  pause(): void;
  resume(): void;
  close(): void;
}

/**
 * A bare graphql-transport-ws client over `ws`: tests see every message and the exact close code, which a
 * full client library (retrying, hiding closes) would not show.
 */
export function connectWsTestClient(url: string, connectionParams: Record<string, unknown> = {}): WsTestClient {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: WsMessage[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const wake of waiters) wake();
    });
  });
  socket.on('error', () => undefined);
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })));
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as WsMessage;
    if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    messages.push(message);
    for (const wake of waiters) wake();
  });
  const next: WsTestClient['next'] = (match, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < messages.length; seen += 1) {
          if (match(messages[seen]!)) {
            finish();
            return resolve(messages[seen]!);
          }
        }
        if (socket.readyState === WebSocket.CLOSED) {
          finish();
          reject(new Error(`socket closed before the expected message; got ${JSON.stringify(messages)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const ready = new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as WsMessage).type === 'connection_ack') resolve();
    });
    socket.on('close', (code, reason) => reject(Object.assign(new Error(`closed ${code}: ${reason.toString()}`), { code, reason: reason.toString() })));
  });
  ready.catch(() => undefined);
  return {
    ready,
    closed,
    messages,
    subscribe: (id, query, variables = {}) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
    complete: (id) => socket.send(JSON.stringify({ id, type: 'complete' })),
    ping: (payload) => socket.send(JSON.stringify({ type: 'ping', payload })),
    next,
    of: (id) => messages.filter((message) => message.id === id),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    close: () => socket.close(1000),
  };
}
