import { createLogger, type Logger } from '@threadly/logger';
import type { ConsumeOptions, EventDelivery, EventTransport } from './contracts.ts';
import { groupConsumerSettings, runGroupConsumer } from './group-consumer.ts';
import { subscriptionRegistry } from './subscription-registry.ts';
import { MemoryStream, type MemoryDeadLetter } from './memory-stream.ts';
import { sleep } from './backoff.ts';

export interface MemoryEventTransportOptions {
  logger?: Logger;
  /** Entries kept, like `XADD MAXLEN` (default 100,000). */
  maxLength?: number;
}

export interface MemoryEventTransport extends EventTransport {
  /** Events given up on, newest last. */
  readonly deadLetters: readonly MemoryDeadLetter[];
  /** Entries of `group` delivered and not acknowledged yet. */
  pendingCount(group: string): number;
  /** The consumer groups that exist, as XINFO GROUPS lists them. */
  groupNames(): string[];
  settle(timeoutMs: number): Promise<void>;
}

/**
 * The embedded transport: the same consumer groups, retries, backoff, takeover and dead letters as the Redis one,
 * in this process's memory. Delivery is at least once while the process runs; what is published but not yet
 * handled when it exits is gone (shutdown therefore settles it first), so several processes need REDIS_URL.
 */
export function createMemoryEventTransport(options: MemoryEventTransportOptions = {}): MemoryEventTransport {
  const logger = options.logger ?? createLogger('events', 'silent');
  const stream = new MemoryStream(options.maxLength ?? 100_000);
  const subscriptions = subscriptionRegistry();
  return {
    // Named after the Redis stream it stands in for, so spans read the same in both modes.
    destination: { system: 'in-memory', name: 'threadly:events' },
    deadLetters: stream.deadLetters,
    pendingCount: (group) => stream.pendingCount(group),
    groupNames: () => stream.groupNames(),
    async publish(events) {
      // Through JSON, as over the wire: consumers get their own copy, with dates as strings.
      for (const event of events) stream.append(JSON.parse(JSON.stringify(event)));
    },
    consume(group: string, deliver: (delivery: EventDelivery) => Promise<void>, consumeOptions?: ConsumeOptions) {
      const settings = groupConsumerSettings(group, consumeOptions, 1_000);
      const subscription = runGroupConsumer(stream.consumerLog(group, settings.consumerName), deliver, settings, logger);
      return subscriptions.track(subscription);
    },
    async settle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!stream.isSettled() && Date.now() < deadline) await sleep(20);
    },
    async close() {
      await subscriptions.stopAll();
    },
  };
}
