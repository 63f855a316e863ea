import type { DomainEventOf } from '@threadly/event-contracts';
import type { EventConsumer } from '@threadly/events';
import type { RealtimePubSub } from '@threadly/pubsub';
import { defineSubscriptionPublisher } from '@threadly/subgraph-runtime';
import type { CommercePrisma } from '../database.ts';
import { subscriptionTopics } from './subscription-topics.ts';

type OrderEvent = DomainEventOf<'order.placed' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.cancelled' | 'order.refunded'>;

/**
 * Commerce's committed order events as subscription events (`commerce-subscriptions`, one group across
 * replicas): to the order's topic and to its buyer's and seller's. Only committed transitions reach the outbox,
 * so a rolled-back one publishes nothing.
 */
export function createSubscriptionPublisher(prisma: CommercePrisma, pubsub: RealtimePubSub): EventConsumer {
  const publishOrder = async (event: OrderEvent) => {
    const order = await prisma.order.findUnique({ where: { id: event.payload.orderId } });
    if (!order) return;
    await Promise.all([
      pubsub.publish(subscriptionTopics.orderUpdated(order.id), event.id, order),
      pubsub.publish(subscriptionTopics.orderUpdatedForUser(order.buyerId), event.id, order),
      pubsub.publish(subscriptionTopics.orderUpdatedForUser(order.sellerId), event.id, order),
    ]);
  };
  return defineSubscriptionPublisher('commerce', {
    'order.placed': publishOrder,
    'order.paid': publishOrder,
    'order.shipped': publishOrder,
    'order.delivered': publishOrder,
    'order.cancelled': publishOrder,
    'order.refunded': publishOrder,
  });
}
