import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { throttledErrorLog, type Logger } from '@threadly/logger';
import { DEFAULT_BACKOFF, retryDelayMs, sleep, type BackoffPolicy } from './backoff.ts';
import type { ConsumerGroupLog, PendingEntry, StreamEntry } from './consumer-group-log.ts';
import type { ConsumeOptions, EventDelivery, EventSubscription } from './contracts.ts';
import { UndeliverableEventError } from './undeliverable-event-error.ts';

export interface GroupConsumerSettings {
  group: string;
  consumerName: string;
  maxAttempts: number;
  backoff: BackoffPolicy;
  claimIdleMs: number;
  drainTimeoutMs: number;
  /** Entries read per XREADGROUP, and pending entries examined per sweep. */
  batchSize: number;
  /** How long one read waits for new entries before looking again. */
  blockMs: number;
  /** How often pending entries are examined for retries and takeovers. */
  sweepIntervalMs: number;
  /** Failures that do not count towards `maxAttempts` (see `ConsumeOptions.isTransientFailure`). */
  isTransientFailure: (error: unknown) => boolean;
  /** See `ConsumeOptions.processGroup`. */
  processGroup: boolean;
}

/** `ConsumeOptions` with the defaults filled in; `blockMs` is shorter for tests that stop consumers often. */
export function groupConsumerSettings(group: string, options: ConsumeOptions = {}, blockMs = 2_000): GroupConsumerSettings {
  const backoff = { baseMs: options.backoffBaseMs ?? DEFAULT_BACKOFF.baseMs, maxMs: options.backoffMaxMs ?? DEFAULT_BACKOFF.maxMs };
  return {
    group,
    consumerName: options.consumerName ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    maxAttempts: options.maxAttempts ?? 5,
    backoff,
    claimIdleMs: options.claimIdleMs ?? 30_000,
    drainTimeoutMs: options.drainTimeoutMs ?? 10_000,
    batchSize: 50,
    blockMs,
    sweepIntervalMs: Math.max(20, Math.min(1_000, Math.floor(backoff.baseMs / 2))),
    isTransientFailure: options.isTransientFailure ?? (() => false),
    processGroup: options.processGroup ?? false,
  };
}

const reasonOf = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Delivers a consumer group's entries to `deliver`, at least once, one at a time in stream order:
 * - a new entry is read (XREADGROUP), delivered, and acknowledged once `deliver` resolves;
 * - a failed delivery stays pending; after a backoff that grows with its delivery count it is claimed again
 *   (XPENDING gives the count and idle time, XCLAIM redelivers), and after `maxAttempts` it goes to the
 *   dead-letter stream; an `UndeliverableEventError` goes there at once;
 * - an entry another consumer has held unacknowledged for `claimIdleMs` (it crashed mid-delivery) is taken over.
 * Transport outages are logged (throttled) and retried forever; they never end the loop.
 */
export function runGroupConsumer(log: ConsumerGroupLog, deliver: (delivery: EventDelivery) => Promise<void>, settings: GroupConsumerSettings, logger: Logger): EventSubscription {
  const { group, consumerName, maxAttempts } = settings;
  const reportOutage = throttledErrorLog(logger, 30_000);
  const stopping = new AbortController();
  /** Own failed entries: how long each waits (idle time) before its next delivery. */
  const retryAfterMs = new Map<string, number>();
  /** Entries read or claimed by this consumer and not yet settled: never claimed again meanwhile. */
  const held = new Set<string>();
  /**
   * Own entries whose last delivery failed for a transient reason: Redis still counts their deliveries, so they are
   * exempt from dead-lettering until a delivery fails for a reason of their own.
   */
  const transientlyFailed = new Set<string>();
  let lane: Promise<void> = Promise.resolve();
  let abandoned = false;

  const settle = async (entry: StreamEntry, error: unknown) => {
    if (settings.isTransientFailure(error)) {
      transientlyFailed.add(entry.id);
      // Capped at the policy's ceiling: the outage may last, and the event must go out soon after it ends.
      retryAfterMs.set(entry.id, retryDelayMs(Math.min(entry.deliveries, 4), settings.backoff));
      reportOutage(error, `event consumer ${group}: a dependency is unavailable; the event is retried until it is back`);
      return;
    }
    transientlyFailed.delete(entry.id);
    if (error instanceof UndeliverableEventError || entry.deliveries >= maxAttempts) {
      await log.deadLetter(entry, reasonOf(error));
      retryAfterMs.delete(entry.id);
      logger.error({ err: error, entryId: entry.id, group, deliveries: entry.deliveries }, 'event moved to the dead-letter stream');
      return;
    }
    retryAfterMs.set(entry.id, retryDelayMs(entry.deliveries, settings.backoff));
    logger.warn({ err: error, entryId: entry.id, group, attempt: entry.deliveries }, 'event handler failed; it will be delivered again');
  };

  const handle = async (entry: StreamEntry) => {
    if (abandoned) return;
    let failure: { error: unknown } | undefined;
    try {
      await deliver({ raw: entry.raw, attempt: entry.deliveries });
    } catch (error) {
      failure = { error };
    }
    // A delivery abandoned by stop() is left unacknowledged, as if this process had died in the middle of it.
    if (abandoned) return;
    try {
      if (failure) await settle(entry, failure.error);
      else {
        await log.ack(entry.id);
        retryAfterMs.delete(entry.id);
        transientlyFailed.delete(entry.id);
      }
    } catch (error) {
      // Still pending: it is delivered again later, and the handler's idempotency absorbs the repeat.
      retryAfterMs.set(entry.id, retryDelayMs(entry.deliveries, settings.backoff));
      reportOutage(error, `event consumer ${group}: could not acknowledge an event; it will be delivered again`);
    } finally {
      held.delete(entry.id);
    }
  };

  const enqueue = (entries: StreamEntry[]) => {
    for (const entry of entries) {
      held.add(entry.id);
      lane = lane.then(() => handle(entry));
    }
    return lane;
  };

  /** When a pending entry may be delivered again: own failures after their backoff, anything else once presumed crashed. */
  const dueAfter = (pending: PendingEntry) =>
    pending.consumer === consumerName && retryAfterMs.has(pending.id) ? retryAfterMs.get(pending.id)! : settings.claimIdleMs;

  const sweep = async () => {
    const minIdle = Math.min(Math.floor(settings.backoff.baseMs / 2), settings.claimIdleMs);
    const pending = await log.listPending(minIdle, settings.batchSize);
    for (const entry of pending) {
      if (stopping.signal.aborted) return;
      const due = dueAfter(entry);
      if (held.has(entry.id) || entry.idleMs < due) continue;
      const [claimed] = await log.claim([entry], due);
      if (!claimed) continue;
      if (claimed.deliveries > maxAttempts && !transientlyFailed.has(claimed.id)) {
        await settle(claimed, new Error(`not acknowledged after ${entry.deliveries} deliveries (the consumer crashed or hung each time)`));
      } else {
        await enqueue([claimed]);
      }
    }
  };

  const readLoop = async () => {
    let failures = 0;
    let groupReady = false;
    let created = false;
    while (!stopping.signal.aborted) {
      try {
        if (!groupReady) await log.ensureGroup(settings.processGroup && !created ? 'end' : 'start');
        groupReady = created = true;
        const entries = await log.readNew(settings.batchSize, settings.blockMs);
        await enqueue(entries);
        failures = 0;
      } catch (error) {
        if (stopping.signal.aborted) break;
        groupReady = false;
        reportOutage(error, `event consumer ${group}: cannot read the event stream; retrying`);
        await sleep(retryDelayMs(++failures, { baseMs: 250, maxMs: 5_000 }), stopping.signal);
      }
    }
  };

  const sweepLoop = async () => {
    while (!stopping.signal.aborted) {
      await sleep(settings.sweepIntervalMs, stopping.signal);
      if (stopping.signal.aborted) break;
      try {
        await sweep();
      } catch (error) {
        reportOutage(error, `event consumer ${group}: cannot examine pending events; retrying`);
      }
    }
  };

  const loops = Promise.all([readLoop(), sweepLoop()]);
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping.abort();
        await log.close();
        const drainTimeout = new AbortController();
        const drained = await Promise.race([lane.then(() => true), sleep(settings.drainTimeoutMs, drainTimeout.signal).then(() => false)]);
        drainTimeout.abort();
        if (settings.processGroup) await log.destroyGroup().catch((error) => logger.warn({ group, err: error }, 'could not destroy this process\'s consumer group; it stays in Redis'));
        if (drained) return void (await loops);
        // The loops may be waiting on the stuck delivery; they end when (if ever) it does, and then do nothing more.
        abandoned = true;
        logger.warn({ group, consumer: consumerName }, 'stopped with a delivery still running; another consumer takes it over');
      })()),
  };
}
