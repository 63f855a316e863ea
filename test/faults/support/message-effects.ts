import { Redis } from 'ioredis';
import type { Pool } from '@threadly/database';

/**
 * Where a sent message's effects can be counted: its row in messaging, its `message.sent` entry on the event stream
 * (put there by one of the outbox relays), and its publication on Redis pub/sub for subscribers (by whichever
 * replica of the `messaging-subscriptions` group took the entry).
 */
export interface MessageEffects {
  /** Acknowledged ids with no row in messaging."Message". */
  missingRows(acknowledged: readonly string[]): Promise<string[]>;
  /** Outbox rows not yet published. */
  unpublishedOutboxRows(): Promise<number>;
  /** How many `message.sent` stream entries carry each message id. */
  streamEntriesPerMessage(): Promise<Map<string, number>>;
  /** How many pub/sub publications (`message.added`) carried each message id so far. */
  publicationsPerMessage(): Map<string, number>;
  close(): Promise<void>;
}

const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

export async function watchMessageEffects({ pool, redisUrl, stream, conversationId }: { pool: Pool; redisUrl: string; stream: string; conversationId: string }): Promise<MessageEffects> {
  const subscriber = new Redis(redisUrl, { lazyConnect: true });
  const reader = new Redis(redisUrl, { lazyConnect: true });
  await Promise.all([subscriber.connect(), reader.connect()]);
  const publications = new Map<string, number>();
  // The channel is named after the demo conversation, which every test database seeds alike: other runs on this
  // Redis may publish on it too, so only this run's message ids are ever looked up in the counts.
  subscriber.on('pmessage', (_pattern, _channel, text: string) => {
    const { payload } = JSON.parse(text) as { payload?: { id?: string } };
    if (payload?.id) increment(publications, payload.id);
  });
  await subscriber.psubscribe(`threadly:realtime:message.added:${conversationId}`);

  return {
    async missingRows(acknowledged) {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM messaging."Message" WHERE id = ANY($1::uuid[])', [acknowledged]);
      const found = new Set(rows.map((row) => row.id));
      return acknowledged.filter((id) => !found.has(id));
    },
    async unpublishedOutboxRows() {
      const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM messaging."OutboxEvent" WHERE "publishedAt" IS NULL');
      return Number(rows[0]!.count);
    },
    async streamEntriesPerMessage() {
      const counts = new Map<string, number>();
      const entries = await reader.xrange(stream, '-', '+');
      for (const [, fields] of entries) {
        const text = fields[fields.indexOf('event') + 1];
        const event = text ? (JSON.parse(text) as { type?: string; payload?: { messageId?: string } }) : undefined;
        if (event?.type === 'message.sent' && event.payload?.messageId) increment(counts, event.payload.messageId);
      }
      return counts;
    },
    publicationsPerMessage: () => new Map(publications),
    async close() {
      await reader.del(stream, `${stream}:dead`);
      subscriber.disconnect();
      reader.disconnect();
    },
  };
}
