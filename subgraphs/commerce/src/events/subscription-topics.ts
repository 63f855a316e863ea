import { defineTopic } from '@threadly/pubsub';
import type { Order } from '../generated/prisma/client.ts';

/**
 * What commerce's subscriptions listen to. The payload is the order's row as committed, so an event resolves
 * like a query for the order (items, timeline and the @key the gateway needs for products) without one database
 * read per subscriber for the order itself.
 */
export const subscriptionTopics = {
  /** `order.updated:<orderId>`: the order changed status (or was placed). */
  orderUpdated: defineTopic<Order>('order.updated'),
  /** `order.updated.user:<userId>`: an order the user bought or sold changed. */
  orderUpdatedForUser: defineTopic<Order>('order.updated.user'),
};
