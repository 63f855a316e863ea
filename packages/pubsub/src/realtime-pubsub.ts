import { RedisPubSub } from 'graphql-redis-subscriptions';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { openRedis } from '@threadly/redis-connection';
import { throttledErrorLog, type Logger } from '@threadly/logger';
import { channelIterator, type ChannelMessage } from './channel-iterator.ts';
import { decodeJson, encodeJson } from './json-codec.ts';
import { realtimeHistory, replayAfterResubscribe } from './resubscribe-replay.ts';
import type { TopicChannel } from './topic.ts';

export const DEFAULT_CHANNEL_PREFIX = 'threadly:realtime:';

export interface RealtimePubSubOptions {
  /** Redis for every replica to share (REDIS_URL); without it, an in-process `PubSub` (the embedded mode). */
  redisUrl?: string;
  logger: Logger;
  /** Prefix of every Redis channel (tests use one of their own). */
  channelPrefix?: string;
  /** Events waiting for one subscriber before it is dropped (default 1,000). */
  maxQueue?: number;
}

export interface RealtimePubSub {
  /** The graphql-subscriptions engine underneath: `RedisPubSub`, or the in-memory `PubSub`. */
  readonly engine: PubSubEngine;
  /** Publishes `payload` as the effect of the domain event `eventId` to every subscriber of `topic`, on every replica. */
  publish<Payload>(topic: TopicChannel<Payload>, eventId: string, payload: Payload): Promise<void>;
  /**
   * Listens to `topic`. Resolves once the channel is subscribed (Redis acknowledged it), so nothing published
   * after that is missed. Each event id is delivered once; `return()` stops listening.
   */
  subscribe<Payload>(topic: TopicChannel<Payload>): Promise<AsyncIterableIterator<Payload>>;
  /** Live subscriptions in this process. */
  activeSubscriptions(): number;
  /** Ends every subscription and releases the connections. */
  close(): Promise<void>;
}

/**
 * Fan-out for GraphQL subscriptions. Messages are encoded once here (dates survive, see `json-codec.ts`) and
 * decoded for each subscriber, the same way over Redis and in memory, so the embedded mode is no different from
 * the deployed one. Redis being down is logged (throttled) and publishing fails, for the caller to retry. Over
 * Redis each message is also kept in a capped stream, from which a replica whose subscriber connection dropped
 * hands its subscribers what they missed once it is back (resubscribe-replay.ts): delivery is not at most once.
 */
export function createRealtimePubSub(options: RealtimePubSubOptions): RealtimePubSub {
  const prefix = options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX;
  const engine: PubSubEngine = options.redisUrl ? redisEngine(options.redisUrl, options.logger) : new PubSub();
  const live = new Set<AsyncIterableIterator<unknown>>();
  // This process's listeners by channel, for the replay after a Redis reconnection (resubscribe-replay.ts).
  const listeners = new Map<string, Set<(text: string) => void>>();
  const history = engine instanceof RedisPubSub ? realtimeHistory(engine.getPublisher(), `${prefix}history`) : undefined;
  if (engine instanceof RedisPubSub && history) {
    replayAfterResubscribe(engine.getSubscriber(), history, (channel, text) => listeners.get(channel)?.forEach((listen) => listen(text)), options.logger);
  }
  let closed: Promise<void> | undefined;
  return {
    engine,
    async publish(topic, eventId, payload) {
      const text = encodeJson({ eventId, payload });
      await (history ? history.recordAndPublish(prefix + topic.channel, text) : engine.publish(prefix + topic.channel, text));
    },
    async subscribe<Payload>(topic: TopicChannel<Payload>) {
      const channel = prefix + topic.channel;
      const listen = (text: string) => iterator.push(decodeJson<ChannelMessage<Payload>>(text));
      let stopListening = () => {};
      const iterator = channelIterator<Payload>({ maxQueue: options.maxQueue ?? 1_000, recentIds: 256 }, () => {
        live.delete(iterator);
        listeners.get(channel)?.delete(listen);
        if (listeners.get(channel)?.size === 0) listeners.delete(channel);
        stopListening();
      });
      live.add(iterator);
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listen));
      const subscriptionId = await engine.subscribe(channel, listen, {});
      stopListening = () => engine.unsubscribe(subscriptionId);
      // Ended (closed) while Redis was acknowledging the subscription.
      if (!live.has(iterator)) stopListening();
      return iterator;
    },
    activeSubscriptions: () => live.size,
    close: () =>
      (closed ??= (async () => {
        await Promise.all([...live].map((iterator) => iterator.return?.()));
        if (engine instanceof RedisPubSub) await engine.close();
      })()),
  };
}

function redisEngine(url: string, logger: Logger): RedisPubSub {
  const reportOutage = throttledErrorLog(logger, 30_000);
  const connect = () => {
    // Fail a publish quickly while Redis is away: the publisher's consumer group delivers the event again later.
    const connection = openRedis(url, { maxRetriesPerRequest: 2, connectTimeout: 2_000, retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
    connection.on('error', (error) => reportOutage(error, 'Redis pub/sub is unreachable: subscription events are not delivered; reconnecting'));
    return connection;
  };
  // Messages are already text: the engine passes them through untouched.
  return new RedisPubSub({ publisher: connect(), subscriber: connect(), serializer: (text: string) => text, deserializer: (raw) => raw.toString() });
}
