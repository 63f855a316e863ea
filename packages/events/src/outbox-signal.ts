/**
 * Rings the relay after a commit that wrote outbox rows, so it publishes now instead of at its next poll. A
 * subgraph creates one, hands it to its services (`signal.poke()` after the transaction commits) and exposes it
 * in its definition, where the runtime connects it to the relay. Missing a poke only costs latency: the relay
 * polls anyway.
 */
export interface OutboxSignal {
  poke(): void;
  /** Calls `listener` on every poke; returns the unsubscribe. */
  onPoke(listener: () => void): () => void;
}

export function createOutboxSignal(): OutboxSignal {
  const listeners = new Set<() => void>();
  return {
    poke: () => {
      for (const listener of listeners) listener();
    },
    onPoke(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
