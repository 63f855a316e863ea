import type { CommercePrisma } from '../database.ts';
import { createCartByBuyerIdLoader, createCartItemByIdLoader, createCartItemsByCartIdLoader } from './cart.loader.ts';
import {
  createOrderByIdLoader,
  createOrderItemsByOrderIdLoader,
  createOrdersByBuyerLoader,
  createOrderTimelineByOrderIdLoader,
} from './order.loader.ts';

/** Created per request, so a cached row never outlives the request that loaded it. */
export const createCommerceLoaders = (prisma: CommercePrisma) => ({
  orderById: createOrderByIdLoader(prisma),
  ordersByBuyer: createOrdersByBuyerLoader(prisma),
  orderItemsByOrderId: createOrderItemsByOrderIdLoader(prisma),
  orderTimelineByOrderId: createOrderTimelineByOrderIdLoader(prisma),
  cartByBuyerId: createCartByBuyerIdLoader(prisma),
  cartItemsByCartId: createCartItemsByCartIdLoader(prisma),
  cartItemById: createCartItemByIdLoader(prisma),
});

export type CommerceLoaders = ReturnType<typeof createCommerceLoaders>;
