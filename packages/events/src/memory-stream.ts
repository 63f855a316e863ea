import type { ConsumerGroupLog, PendingEntry, StreamEntry } from './consumer-group-log.ts';

/** An event the in-process transport gave up on, kept for inspection (tests, debugging). */
export interface MemoryDeadLetter {
  entryId: string;
  group: string;
  consumer: string;
  deliveries: number;
  reason: string;
  raw: unknown;
}

interface PendingState {
  consumer: string;
  deliveredAt: number;
  deliveries: number;
}

interface GroupState {
  /** Sequence number of the next entry this group has not read yet. */
  cursor: number;
  pending: Map<number, PendingState>;
}

/**
 * A stream in this process's memory with Redis Streams' consumer-group semantics: an append-only log, a cursor
 * and a pending-entries list per group, claims by idle time, and a dead-letter list. It is bounded like
 * `XADD MAXLEN`: past `maxLength` the oldest entries are dropped, read or not.
 */
export class MemoryStream {
  private readonly entries = new Map<number, unknown>();
  private nextSeq = 1;
  private readonly groups = new Map<string, GroupState>();
  private readonly waiters = new Set<() => void>();
  readonly deadLetters: MemoryDeadLetter[] = [];

  constructor(private readonly maxLength: number) {}

  append(raw: unknown) {
    this.entries.set(this.nextSeq++, raw);
    if (this.entries.size > this.maxLength) this.entries.delete(this.nextSeq - 1 - this.maxLength);
    for (const wake of [...this.waiters]) wake();
  }

  /** True once every group has read and settled every entry appended so far. */
  isSettled(): boolean {
    return [...this.groups.values()].every((group) => group.cursor === this.nextSeq && group.pending.size === 0);
  }

  /** The groups that exist (created by a consumer, not destroyed). */
  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  /** Entries of `group` delivered and not acknowledged. */
  pendingCount(group: string): number {
    return this.groups.get(group)?.pending.size ?? 0;
  }

  /** The consumer-group view one consumer works through. */
  consumerLog(group: string, consumer: string): ConsumerGroupLog {
    let wakeReader: (() => void) | undefined;
    let closed = false;
    const state = (from: 'start' | 'end' = 'start') => {
      let found = this.groups.get(group);
      if (!found) this.groups.set(group, (found = { cursor: from === 'end' ? this.nextSeq : 1, pending: new Map() }));
      return found;
    };
    const entryOf = (seq: number, deliveries: number): StreamEntry => ({ id: String(seq), raw: this.entries.get(seq), deliveries });
    return {
      ensureGroup: async (from) => void state(from),
      destroyGroup: async () => void this.groups.delete(group),
      readNew: async (count, blockMs) => {
        const take = () => {
          const group = state();
          const taken: StreamEntry[] = [];
          group.cursor = Math.max(group.cursor, this.nextSeq - this.entries.size);
          while (group.cursor < this.nextSeq && taken.length < count) {
            const seq = group.cursor++;
            group.pending.set(seq, { consumer, deliveredAt: Date.now(), deliveries: 1 });
            taken.push(entryOf(seq, 1));
          }
          return taken;
        };
        const ready = take();
        if (ready.length > 0 || blockMs <= 0 || closed) return ready;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => wakeReader?.(), blockMs);
          wakeReader = () => {
            clearTimeout(timer);
            this.waiters.delete(wakeReader!);
            wakeReader = undefined;
            resolve();
          };
          this.waiters.add(wakeReader);
        });
        return closed ? [] : take();
      },
      listPending: async (minIdleMs, count) => {
        const now = Date.now();
        return [...state().pending.entries()]
          .filter(([, pending]) => now - pending.deliveredAt >= minIdleMs)
          .slice(0, count)
          .map(([seq, pending]) => ({ id: String(seq), consumer: pending.consumer, idleMs: now - pending.deliveredAt, deliveries: pending.deliveries }));
      },
      claim: async (candidates: PendingEntry[], minIdleMs) => {
        const group = state();
        const now = Date.now();
        const claimed: StreamEntry[] = [];
        for (const candidate of candidates) {
          const seq = Number(candidate.id);
          const pending = group.pending.get(seq);
          if (!pending || now - pending.deliveredAt < minIdleMs) continue;
          if (!this.entries.has(seq)) {
            group.pending.delete(seq);
            continue;
          }
          Object.assign(pending, { consumer, deliveredAt: now, deliveries: pending.deliveries + 1 });
          claimed.push(entryOf(seq, pending.deliveries));
        }
        return claimed;
      },
      ack: async (id) => void state().pending.delete(Number(id)),
      deadLetter: async (entry, reason) => {
        this.deadLetters.push({ entryId: entry.id, group, consumer, deliveries: entry.deliveries, reason, raw: entry.raw });
        state().pending.delete(Number(entry.id));
      },
      close: async () => {
        closed = true;
        wakeReader?.();
      },
    };
  }
}
