import type { RedisConnection } from '@threadly/redis-connection';
import type { ConsumerGroupLog, PendingEntry, StreamEntry } from './consumer-group-log.ts';

export interface RedisStreamNames {
  stream: string;
  deadLetters: string;
  /** Bound passed to `XADD … MAXLEN ~` for both streams. */
  maxLength: number;
}

type RawEntry = [id: string, fields: string[]] | null;

/** `XADD` fields of a published event: its type, for reading the stream by eye, and the envelope as JSON. */
export const EVENT_FIELD = 'event';

function parseEntry(entry: RawEntry, deliveries: number): StreamEntry | null {
  if (!entry) return null;
  const [id, fields] = entry;
  const index = fields.findIndex((field, position) => position % 2 === 0 && field === EVENT_FIELD);
  const text = index >= 0 ? fields[index + 1] : undefined;
  let raw: unknown = text;
  try {
    raw = text === undefined ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: delivered as the text it is, and the consumer's validation dead-letters it.
  }
  return { id, raw, deliveries };
}

const isBusyGroup = (error: unknown) => error instanceof Error && error.message.startsWith('BUSYGROUP');

/**
 * One consumer's view of a Redis stream consumer group. `commands` is the transport's shared connection;
 * `reader` is this consumer's own, because `XREADGROUP … BLOCK` holds its connection while it waits.
 */
export function redisConsumerGroupLog(commands: RedisConnection, reader: RedisConnection, names: RedisStreamNames, group: string, consumer: string): ConsumerGroupLog {
  const { stream } = names;
  return {
    async ensureGroup(from) {
      try {
        // From `0` unless told otherwise: events published before this group first existed are delivered too.
        await commands.xgroup('CREATE', stream, group, from === 'end' ? '$' : '0', 'MKSTREAM');
      } catch (error) {
        if (!isBusyGroup(error)) throw error;
      }
    },

    async destroyGroup() {
      await commands.xgroup('DESTROY', stream, group);
    },

    async readNew(count, blockMs) {
      const reply = (await reader.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', stream, '>')) as
        | Array<[string, RawEntry[]]>
        | null;
      const entries = reply?.[0]?.[1] ?? [];
      return entries.map((entry) => parseEntry(entry, 1)).filter((entry): entry is StreamEntry => entry !== null);
    },

    async listPending(minIdleMs, count) {
      const reply = (await commands.call('XPENDING', stream, group, 'IDLE', minIdleMs, '-', '+', count)) as Array<[string, string, number, number]>;
      return reply.map(([id, owner, idleMs, deliveries]) => ({ id, consumer: owner, idleMs: Number(idleMs), deliveries: Number(deliveries) }));
    },

    async claim(candidates: PendingEntry[], minIdleMs) {
      if (candidates.length === 0) return [];
      const reply = (await commands.call('XCLAIM', stream, group, consumer, minIdleMs, ...candidates.map((entry) => entry.id))) as RawEntry[];
      const countsById = new Map(candidates.map((entry) => [entry.id, entry.deliveries + 1]));
      return reply
        .map((entry) => parseEntry(entry, entry ? (countsById.get(entry[0]) ?? 1) : 1))
        .filter((entry): entry is StreamEntry => entry !== null);
    },

    async ack(id) {
      await commands.xack(stream, group, id);
    },

    async deadLetter(entry, reason) {
      const event = typeof entry.raw === 'string' ? entry.raw : JSON.stringify(entry.raw ?? null);
      const results = await commands
        .multi()
        .xadd(names.deadLetters, 'MAXLEN', '~', names.maxLength, '*',
          EVENT_FIELD, event, 'error', reason, 'group', group, 'consumer', consumer,
          'deliveries', String(entry.deliveries), 'entryId', entry.id, 'failedAt', new Date().toISOString())
        .xack(stream, group, entry.id)
        .exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('dead-letter transaction was aborted');
    },

    async close() {
      reader.disconnect();
    },
  };
}
