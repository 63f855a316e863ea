import { badUserInput } from '@threadly/errors';
import type { CommercePrisma } from '../database.ts';
import type { CartItem } from '../generated/prisma/client.ts';
import type { CommerceLoaders } from '../loaders/index.ts';
import { cartIdFor } from './cart-id.ts';

/** Most items one cart may hold. */
export const MAX_CART_ITEMS = 50;

/** A buyer's cart as the API shows it; `updatedAt` is null for the empty cart that has never been written. */
export interface CartView {
  id: string;
  buyerId: string;
  updatedAt: Date | null;
}

/**
 * A buyer's cart. Commerce stores product ids only: whether a product is still for sale and what it costs is
 * catalog's to say (the product resolves through federation, and `CartItem.available` requires its status). The schema hands every method the signed-in
 * buyer's own id (auth scopes), so nobody reaches another buyer's cart.
 */
export class CartService {
  constructor(
    private readonly prisma: CommercePrisma,
    private readonly loaders: CommerceLoaders,
  ) {}

  /** The buyer's cart; an empty, unsaved one when they have none (reading creates nothing). */
  async get(buyerId: string): Promise<CartView> {
    const cart = await this.loaders.cartByBuyerId.load(buyerId);
    return cart ? { id: cart.id, buyerId, updatedAt: cart.updatedAt } : { id: cartIdFor(buyerId), buyerId, updatedAt: null };
  }

  /** The cart's items, most recently added first. */
  items(cart: CartView): Promise<CartItem[]> {
    return cart.updatedAt === null ? Promise.resolve([]) : this.loaders.cartItemsByCartId.load(cart.id);
  }

  /** A cart item if it is in `buyerId`'s cart, else null (unknown, malformed and other buyers' ids look the same). */
  async findItemOf(itemId: string, buyerId: string | null): Promise<CartItem | null> {
    if (!buyerId) return null;
    const item = await this.loaders.cartItemById.load(itemId);
    if (!item || item.cart.buyerId !== buyerId) return null;
    const { cart: _cart, ...row } = item;
    return row;
  }

  /**
   * Puts a product in the buyer's cart, creating the cart on first use. Idempotent: a product already there stays
   * once. BAD_USER_INPUT (`productId`) when the cart already holds {@link MAX_CART_ITEMS} items.
   */
  async add(buyerId: string, productId: string): Promise<CartView> {
    await this.prisma.$transaction(async (tx) => {
      // Touching the cart row locks it, so concurrent adds for one buyer queue here and the limit holds.
      const cart = await tx.cart.upsert({
        where: { buyerId },
        create: { id: cartIdFor(buyerId), buyerId },
        update: { updatedAt: new Date() },
      });
      const present = await tx.cartItem.findUnique({ where: { cartId_productId: { cartId: cart.id, productId } } });
      if (present) return;
      if ((await tx.cartItem.count({ where: { cartId: cart.id } })) >= MAX_CART_ITEMS) {
        throw badUserInput(`productId: a cart holds at most ${MAX_CART_ITEMS} items`, 'productId');
      }
      await tx.cartItem.create({ data: { cartId: cart.id, productId } });
    });
    return this.reload(buyerId);
  }

  /** Takes a product out of the buyer's cart; a product that is not there is not an error. */
  async remove(buyerId: string, productId: string): Promise<CartView> {
    await this.deleteItems(buyerId, { productId });
    return this.reload(buyerId);
  }

  /** Empties the buyer's cart (the cart itself, and so its id, stays). */
  async clear(buyerId: string): Promise<CartView> {
    await this.deleteItems(buyerId, {});
    return this.reload(buyerId);
  }

  private async deleteItems(buyerId: string, filter: { productId?: string }) {
    await this.prisma.$transaction(async (tx) => {
      const cart = await tx.cart.findUnique({ where: { buyerId } });
      if (!cart) return;
      const { count } = await tx.cartItem.deleteMany({ where: { cartId: cart.id, ...filter } });
      if (count > 0) await tx.cart.update({ where: { id: cart.id }, data: { updatedAt: new Date() } });
    });
  }

  /** Forgets what this request cached about the cart, so the returned cart shows the change. */
  private reload(buyerId: string): Promise<CartView> {
    this.loaders.cartByBuyerId.clear(buyerId);
    this.loaders.cartItemsByCartId.clearAll();
    return this.get(buyerId);
  }
}
