import type { SubgraphRequest } from '@threadly/subgraph-runtime';
import { requestViewer } from '@threadly/subgraph-runtime';
import type { Viewer } from '@threadly/identity-headers';
import type { RealtimePubSub } from '@threadly/pubsub';
import type { CheckoutService } from './checkout/checkout.service.ts';
import type { CommercePrisma } from './database.ts';
import { createCommerceLoaders, type CommerceLoaders } from './loaders/index.ts';
import { CartService } from './services/cart.service.ts';
import type { OrderActionsService } from './services/order-actions.service.ts';
import { OrderService } from './services/order.service.ts';

export interface CommerceContext {
  requestId: string;
  /** Who is asking, as the gateway signed it; null when anonymous. */
  viewer: Viewer | null;
  loaders: CommerceLoaders;
  carts: CartService;
  orders: OrderService;
  checkout: CheckoutService;
  orderActions: OrderActionsService;
  /** Where subscriptions listen (see `events/subscription-topics.ts`). */
  pubsub: RealtimePubSub;
}

/** Services that live as long as the subgraph (they hold the Stripe client, catalog's address, the pub/sub). */
export interface CommerceProcessServices {
  checkout: CheckoutService;
  orderActions: OrderActionsService;
  pubsub: RealtimePubSub;
}

/**
 * One factory for every transport (HTTP requests, WebSocket subscriptions and each of their events): identity,
 * loaders and services per request.
 */
export function createCommerceContextFactory(prisma: CommercePrisma, identitySecret: string, services: CommerceProcessServices) {
  return async (request: SubgraphRequest): Promise<CommerceContext> => {
    const { requestId } = request;
    const viewer = requestViewer(request, identitySecret);
    const loaders = createCommerceLoaders(prisma);
    return {
      requestId,
      viewer,
      loaders,
      carts: new CartService(prisma, loaders),
      orders: new OrderService(prisma, loaders),
      ...services,
    };
  };
}
