import { createPrismaRunIdempotently, type EventConsumerDefinition } from '@threadly/events';
import type { CatalogPrisma } from '../database.ts';
import type { CatalogTx } from '../services/reservation.service.ts';
import { orderEventHandlers } from './order-handlers.ts';
import { userEventHandlers } from './user-handlers.ts';

/**
 * What catalog consumes: commerce's order lifecycle (reservations become sold, or go back on sale) and identity's
 * account deletions (the seller's unsold listings are archived).
 */
export const createCatalogEventConsumer = (prisma: CatalogPrisma): EventConsumerDefinition<CatalogTx> => ({
  name: 'catalog',
  handlers: { ...orderEventHandlers, ...userEventHandlers },
  runIdempotently: createPrismaRunIdempotently(prisma),
});
