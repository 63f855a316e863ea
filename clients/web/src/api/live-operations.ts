// The order subscriptions the app keeps screens current with, through the gateway over graphql-ws. Plain documents
// until commerce's `orderUpdated`/`myOrderUpdates` are in the composed schema for codegen to check them (then they
// move to operations/live.graphql beside `MessageAdded`); until then the gateway refuses them and the screens poll.
import type { OrderStatus } from '../gql/graphql.ts';

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

export interface OrderUpdatedEvent {
  orderUpdated: { id: string; status: OrderStatus; timeline: Array<{ status: OrderStatus; note: string | null; at: string; actor: { displayName: string } | null }> };
}

export interface MyOrderUpdatesEvent {
  myOrderUpdates: { id: string; status: OrderStatus };
}
