// The subscriptions the app keeps screens current with (issue 7: through the gateway over graphql-ws).
// Plain documents until the composed schema has a Subscription type for codegen to check them against.
import type { OrderStatus } from '../gql/graphql.ts';

export const MESSAGE_ADDED = /* GraphQL */ `
  subscription MessageAdded($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) { id body createdAt readAt sender { id displayName imageUrl } }
  }
`;

export const ORDER_UPDATED = /* GraphQL */ `
  subscription OrderUpdated($orderId: ID!) {
    orderUpdated(orderId: $orderId) { id status timeline { status note at actor { displayName } } }
  }
`;

export const MY_ORDER_UPDATES = /* GraphQL */ `
  subscription MyOrderUpdates {
    myOrderUpdates { id status }
  }
`;

export interface MessageAddedEvent {
  messageAdded: { id: string; body: string; createdAt: string; readAt: string | null; sender: { id: string; displayName: string; imageUrl: string | null } };
}

export interface OrderUpdatedEvent {
  orderUpdated: { id: string; status: OrderStatus; timeline: Array<{ status: OrderStatus; note: string | null; at: string; actor: { displayName: string } | null }> };
}

export interface MyOrderUpdatesEvent {
  myOrderUpdates: { id: string; status: OrderStatus };
}
