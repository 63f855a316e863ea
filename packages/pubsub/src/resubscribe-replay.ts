import { Cluster } from 'ioredis';
import type { Logger } from '@threadly/logger';
import type { RedisConnection } from '@threadly/redis-connection';

/** Entries kept in the history stream: minutes of traffic at peak, a few MB, trimmed as it grows. */
const HISTORY_LENGTH = 10_000;
/**
 * How far before the moment the subscriber connection dropped the replay starts. The stream's ids carry Redis's
 * clock, the drop time this process's: the margin covers the skew between them. What it re-reads that was
 * already delivered is dropped by the subscribers, who remember recent event ids.
 */
const REPLAY_MARGIN_MS = 5_000;

export interface RealtimeHistory {
  /**
   * Keeps a message and publishes it, in one MULTI (one round trip, and never published without being kept), so
   * that a subscriber that missed it live can read it.
   */
  recordAndPublish(channel: string, text: string): Promise<void>;
  /** Messages recorded since `epochMs` (Redis's clock), oldest first. */
  since(epochMs: number): Promise<Array<{ channel: string; text: string }>>;
}

/** The capped stream `key` on the publisher's connection: one XADD per published message. */
export function realtimeHistory(publisher: RedisConnection, key: string): RealtimeHistory {
  return {
    async recordAndPublish(channel, text) {
      const results = await publisher.multi().xadd(key, 'MAXLEN', '~', String(HISTORY_LENGTH), '*', 'channel', channel, 'message', text).publish(channel, text).exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('the history MULTI was aborted');
    },
    async since(epochMs) {
      const entries = await publisher.xrange(key, String(Math.max(0, Math.floor(epochMs))), '+');
      return entries.map(([, fields]) => ({ channel: fieldValue(fields, 'channel'), text: fieldValue(fields, 'message') }));
    },
  };
}

const fieldValue = (fields: string[], name: string) => fields[fields.indexOf(name) + 1] ?? '';

/**
 * Pub/sub delivers at most once: a message published while this process's subscriber connection is away, or
 * reconnected but not yet resubscribed, reaches none of its subscribers. So when the connection is ready again,
 * every message recorded since shortly before it dropped is handed to `deliver`, which gives each to the local
 * subscribers of its channel (and they drop what they already had).
 *
 * Order matters: ioredis sends the resubscriptions as the connection becomes ready, before the `ready` event, and
 * a connection answers in order, so once a PING on it has answered, Redis has subscribed its channels again: the
 * history read after that point and the live messages overlap, with no gap between them. (A cluster's subscriber
 * is a connection of its own that cannot be pinged; there the read follows `ready` without that proof.)
 */
export function replayAfterResubscribe(subscriber: RedisConnection, history: RealtimeHistory, deliver: (channel: string, text: string) => void, logger: Logger): void {
  let droppedAt: number | undefined;
  subscriber.on('close', () => (droppedAt ??= Date.now()));
  subscriber.on('ready', async () => {
    const since = droppedAt;
    if (since === undefined) return;
    try {
      if (!(subscriber instanceof Cluster)) await subscriber.ping();
      const missed = await history.since(since - REPLAY_MARGIN_MS);
      for (const { channel, text } of missed) deliver(channel, text);
      // Kept when the read fails (Redis dropped again): the next `ready` replays from the first drop.
      if (droppedAt === since) droppedAt = undefined;
      logger.info({ replayed: missed.length }, 'Redis pub/sub is back: subscribers were given the messages published while it was away');
    } catch (error) {
      logger.warn({ err: error }, 'Redis pub/sub is back but its history could not be read; retrying at the next reconnection');
    }
  });
}
