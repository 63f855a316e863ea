/** One stream entry as a consumer receives it. */
export interface StreamEntry {
  id: string;
  /** The event as stored: parsed JSON, or the stored text when it is not JSON. */
  raw: unknown;
  /** Deliveries of this entry so far, this one included (1 on first read). */
  deliveries: number;
}

/** An entry delivered to the group but not acknowledged yet. */
export interface PendingEntry {
  id: string;
  /** The consumer that holds it. */
  consumer: string;
  /** Time since it was last delivered. */
  idleMs: number;
  /** Deliveries so far. */
  deliveries: number;
}

/**
 * The consumer-group operations of one stream, as one consumer of one group sees them — Redis Streams' model
 * (XREADGROUP, XPENDING, XCLAIM, XACK). The delivery loop (`group-consumer.ts`) is written once against this,
 * and each transport implements it: Redis for real, an in-memory log for the embedded mode.
 */
export interface ConsumerGroupLog {
  /**
   * Creates the group when missing, reading from the start of the stream so nothing published earlier is missed,
   * or from its end (`$`) for a group of one process's own on its first creation.
   */
  ensureGroup(from: 'start' | 'end'): Promise<void>;
  /** Deletes the group and what it holds pending (XGROUP DESTROY); nothing when it does not exist. */
  destroyGroup(): Promise<void>;
  /** Entries never delivered to the group, now held by this consumer; waits up to `blockMs` when there are none. */
  readNew(count: number, blockMs: number): Promise<StreamEntry[]>;
  /** Unacknowledged entries of the whole group idle for at least `minIdleMs`, oldest first. */
  listPending(minIdleMs: number, count: number): Promise<PendingEntry[]>;
  /**
   * Takes pending entries over for this consumer, each only if still idle for `minIdleMs` (so of two replicas
   * claiming at once, one wins). A claim is a delivery: `deliveries` grows by one. Entries no longer in the
   * stream (trimmed) are dropped from the pending list and not returned.
   */
  claim(entries: PendingEntry[], minIdleMs: number): Promise<StreamEntry[]>;
  ack(id: string): Promise<void>;
  /** Appends the entry to the dead-letter stream with why it failed, and acknowledges it, atomically. */
  deadLetter(entry: StreamEntry, reason: string): Promise<void>;
  /** Interrupts a blocked `readNew` and releases what this consumer holds; acknowledging still works. */
  close(): Promise<void>;
}
