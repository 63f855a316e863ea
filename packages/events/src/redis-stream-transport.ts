import type { RedisOptions } from 'ioredis';
import { openRedis, parseRedisAddress, sameSlotKey, type RedisConnection } from '@threadly/redis-connection';
import { throttledErrorLog, type Logger } from '@threadly/logger';
import type { ConsumeOptions, EventDelivery, EventTransport } from './contracts.ts';
import { groupConsumerSettings, runGroupConsumer } from './group-consumer.ts';
import { subscriptionRegistry } from './subscription-registry.ts';
import { EVENT_FIELD, redisConsumerGroupLog, type RedisStreamNames } from './redis-consumer-group-log.ts';

export const DEFAULT_EVENT_STREAM = 'threadly:events';

export interface RedisStreamTransportOptions {
  url: string;
  logger: Logger;
  /**
   * The stream's key; its dead letters go to `{<stream>}:dead`, in the stream's slot, because a dead letter is
   * written and acknowledged in one MULTI, which a Redis Cluster runs only within one slot. Tests use a key of their own.
   */
  stream?: string;
  /** `XADD … MAXLEN ~` bound: old entries are trimmed past it, so it must dwarf any consumer's backlog. */
  maxLength?: number;
  /** How long one blocking read waits before looking again (default 2 s). */
  blockMs?: number;
}

export interface RedisStreamTransport extends EventTransport {
  readonly names: RedisStreamNames;
}

/** Where the log says Redis is: host and port only, never a password from the URL. */
const describeRedis = (url: string) => {
  const parsed = new URL(parseRedisAddress(url).url);
  return `${parsed.hostname}:${parsed.port || 6379}`;
};

/**
 * Events on one Redis stream: publish is XADD; each consuming subgraph is a consumer group whose replicas share
 * the work (XREADGROUP/XACK), with retries, takeover of a crashed replica's deliveries and a dead-letter stream
 * (see `group-consumer.ts`). Redis being down never crashes the process: publishing fails (the outbox keeps the
 * events and the relay retries), consumers wait, and the outage is logged loudly, at most every 30 s, until
 * ioredis has reconnected.
 */
export function createRedisStreamTransport(options: RedisStreamTransportOptions): RedisStreamTransport {
  const { logger } = options;
  const stream = options.stream ?? DEFAULT_EVENT_STREAM;
  const names: RedisStreamNames = { stream, deadLetters: sameSlotKey(stream, ':dead'), maxLength: options.maxLength ?? 1_000_000 };
  const where = describeRedis(options.url);
  const reportOutage = throttledErrorLog(logger, 30_000);
  let failing = false;
  const watch = (connection: RedisConnection) => {
    connection.on('error', (error) => {
      failing = true;
      reportOutage(error, `Redis at ${where} is unreachable: events are not being published or consumed; reconnecting`);
    });
    connection.on('ready', () => {
      if (failing) logger.info(`Redis at ${where} is reachable again: events flow again`);
      failing = false;
    });
    return connection;
  };
  const connectionOptions: RedisOptions = {
    // Queue briefly while reconnecting, then fail: the relay keeps unpublished events in its outbox and retries.
    maxRetriesPerRequest: 2,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
  const commands = watch(openRedis(options.url, { ...connectionOptions, commandTimeout: 5_000 }));
  const subscriptions = subscriptionRegistry();

  return {
    names,
    destination: { system: 'redis', name: stream },
    async publish(events) {
      if (events.length === 0) return;
      const pipeline = commands.pipeline();
      for (const event of events) {
        pipeline.xadd(stream, 'MAXLEN', '~', names.maxLength, '*', 'type', event.type, EVENT_FIELD, JSON.stringify(event));
      }
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('XADD pipeline was aborted');
    },

    consume(group: string, deliver: (delivery: EventDelivery) => Promise<void>, consumeOptions?: ConsumeOptions) {
      const settings = groupConsumerSettings(group, consumeOptions, options.blockMs);
      // Its own connection: a blocking XREADGROUP occupies it while waiting. No command timeout, for the same reason.
      const reader = watch(openRedis(options.url, connectionOptions));
      const log = redisConsumerGroupLog(commands, reader, names, group, settings.consumerName);
      const subscription = runGroupConsumer(log, deliver, settings, logger);
      return subscriptions.track(subscription);
    },

    async close() {
      await subscriptions.stopAll();
      await commands.quit().catch(() => commands.disconnect());
    },
  };
}
