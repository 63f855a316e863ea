import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DomainEvent } from '@threadly/event-contracts';
import { defineEventConsumer, startEventConsumer, type EventSubscription, type EventTransport, type RunIdempotently } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { UserResolver } from './user-resolver.ts';

/** Prefix of the consumer group: one group per gateway instance, since each remembers its own answers. */
export const DELETED_USER_EVICTION_CONSUMER = 'gateway-identity-answers';

// Marking a user deleted twice changes nothing: no processed-event table is needed.
const markingIsIdempotent: RunIdempotently<undefined> = async (_consumer, _eventId, work) => {
  await work(undefined);
  return 'handled';
};

/**
 * Makes the gateway hear identity's `user.deleted` events: the deleted user's remembered answers (fresh and last
 * known) are marked deleted at once, instead of lasting until their TTL — and, while identity is down, instead of
 * being served stale for up to the stale bound. Every gateway instance reads every event (its own group, created
 * at the stream's end and destroyed when the gateway stops).
 */
export function startDeletedUserEviction({
  events,
  forgetDeletedUser,
  logger,
  // A process may run several gateways (tests, `npm start` replicas): the suffix keeps their groups apart.
  group = `${DELETED_USER_EVICTION_CONSUMER}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
}: {
  events: EventTransport;
  forgetDeletedUser: UserResolver['forgetDeletedUser'];
  logger: Logger;
  group?: string;
}): EventSubscription {
  const consumer = defineEventConsumer<undefined>({
    name: group,
    handlers: {
      'user.deleted': async (event: Extract<DomainEvent, { type: 'user.deleted' }>) => {
        const changed = forgetDeletedUser(event.payload.userId);
        if (changed > 0) logger.info({ eventId: event.id, userId: event.payload.userId, changed }, 'deleted user: remembered identity answers marked deleted');
      },
    },
    runIdempotently: markingIsIdempotent,
  });
  return startEventConsumer(consumer, events, { logger, processGroup: true });
}
