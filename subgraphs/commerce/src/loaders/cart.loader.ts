import { createByIdLoader, createGroupLoader } from '@threadly/database';
import type { CommercePrisma } from '../database.ts';

/** Keyed by the buyer's user id: a buyer has at most one cart. */
export const createCartByBuyerIdLoader = (prisma: CommercePrisma) =>
  createByIdLoader(
    (buyerIds) => prisma.cart.findMany({ where: { buyerId: { in: buyerIds } } }),
    (cart) => cart.buyerId,
  );

/** A cart's items, most recently added first. */
export const createCartItemsByCartIdLoader = (prisma: CommercePrisma) =>
  createGroupLoader(
    (cartIds) => prisma.cartItem.findMany({ where: { cartId: { in: cartIds } }, orderBy: [{ addedAt: 'desc' }, { id: 'desc' }] }),
    (item) => item.cartId,
  );

/** Cart items by id with their cart's buyer, for `CartItem` entity references. */
export const createCartItemByIdLoader = (prisma: CommercePrisma) =>
  createByIdLoader((ids) => prisma.cartItem.findMany({ where: { id: { in: ids } }, include: { cart: { select: { buyerId: true } } } }));
