import { createClient, type Client } from 'graphql-ws';
import { GRAPHQL_WS_URL } from '../config.ts';

/** One graphql-ws connection per signed-in user, authenticated on connection_init as the HTTP requests are. */
let current: { token: string; client: Client; connected: boolean } | undefined;

function liveClient(token: string) {
  if (current?.token !== token) {
    void current?.client.dispose();
    const entry = {
      token,
      connected: false,
      client: createClient({
        url: GRAPHQL_WS_URL,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: true,
        // A gateway without subscriptions refuses the upgrade: give up quickly and let the screen poll instead.
        retryAttempts: 2,
      }),
    };
    entry.client.on('connected', () => (entry.connected = true));
    entry.client.on('closed', () => (entry.connected = false));
    current = entry;
  }
  return current;
}

export interface LiveHandlers<Event> {
  /** The socket is up and the subscription was accepted. */
  live(): void;
  next(event: Event): void;
  /** Live updates cannot be had (no socket, or the subscription was refused); `reason` says why. */
  unavailable(reason: string): void;
}

/** Subscribes over graphql-ws; returns the function that ends the subscription. */
export function subscribeLive<Event>(token: string, query: string, variables: Record<string, unknown>, handlers: LiveHandlers<Event>): () => void {
  const entry = liveClient(token);
  let ended = false;
  const stopListening = entry.client.on('connected', () => !ended && handlers.live());
  if (entry.connected) queueMicrotask(() => !ended && handlers.live());
  const unsubscribe = entry.client.subscribe<Event>(
    { query, variables },
    {
      next: (result) => {
        const [first] = result.errors ?? [];
        if (first) handlers.unavailable(first.message);
        else if (result.data) handlers.next(result.data as Event);
      },
      error: (error) => {
        if (ended) return;
        const reason = Array.isArray(error) ? String((error[0] as { message?: string } | undefined)?.message) : error instanceof Error ? error.message : 'the live connection closed';
        handlers.unavailable(reason);
      },
      complete: () => undefined,
    },
  );
  return () => {
    ended = true;
    stopListening();
    unsubscribe();
  };
}
