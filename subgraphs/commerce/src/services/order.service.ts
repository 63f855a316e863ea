import { compare, isUuid, planKeyset, type KeysetPage } from '@threadly/database';
import { notFound } from '@threadly/errors';
import type { Viewer } from '@threadly/identity-headers';
import type { CommercePrisma } from '../database.ts';
import type { Order, OrderItem, OrderStatus, OrderStatusChange, Prisma } from '../generated/prisma/client.ts';
import type { CommerceLoaders } from '../loaders/index.ts';

/** Which side of an order the viewer is on when listing their orders. */
export type OrderRole = 'BUYER' | 'SELLER';

/**
 * Data filtering, not authorization: only the two parties of an order, and admins, may know it exists, so for
 * anyone else an order id looks exactly like an unknown one. (The `Order` type's auth scopes state the same rule
 * again for its fields.)
 */
export const isOrderVisibleTo = (order: Order, viewer: Viewer | null) =>
  viewer !== null && (viewer.role === 'ADMIN' || order.buyerId === viewer.userId || order.sellerId === viewer.userId);

/** Reads orders; who may call what is declared on the schema fields (auth scopes). */
export class OrderService {
  constructor(
    private readonly prisma: CommercePrisma,
    private readonly loaders: CommerceLoaders,
  ) {}

  /**
   * The order if `viewer` may see it, else null (unknown, malformed and other people's ids look the same).
   * Used by the entity reference resolver.
   */
  async findVisible(id: string, viewer: Viewer | null): Promise<Order | null> {
    if (!viewer) return null;
    const order = await this.loaders.orderById.load(id);
    return order && isOrderVisibleTo(order, viewer) ? order : null;
  }

  /** The order for a signed-in viewer; NOT_FOUND when it does not exist or is not theirs, so ids cannot be probed. */
  async getVisible(id: string, viewer: Viewer): Promise<Order> {
    const order = await this.findVisible(id, viewer);
    if (!order) throw notFound('Order', id);
    return order;
  }

  /** One page of the orders `userId` bought (BUYER) or sold (SELLER), newest first, optionally of one status. */
  listForParty(userId: string, role: OrderRole, status: OrderStatus | null | undefined, page: KeysetPage): Promise<Order[]> {
    const party: Prisma.OrderWhereInput = role === 'SELLER' ? { sellerId: userId } : { buyerId: userId };
    return this.page({ ...party, ...(status ? { status } : {}) }, page);
  }

  /** One page of the orders `buyerId` bought (`User.orders` admits only they themself and admins). */
  async listBoughtBy(buyerId: string, page: KeysetPage): Promise<Order[]> {
    // An admin may ask about any representation; a malformed id owns nothing (and is no valid uuid for PostgreSQL).
    if (!isUuid(buyerId)) return [];
    // Through a loader: the orders of every user in a list (an admin's view) share one statement.
    const rows = await this.loaders.ordersByBuyer.load({ parentId: buyerId, plan: planKeyset(page), filter: null });
    const orders = await this.loaders.orderById.loadMany(rows.map((row) => row.id));
    return orders.filter((order): order is Order => order !== null && !(order instanceof Error));
  }

  items(orderId: string): Promise<OrderItem[]> {
    return this.loaders.orderItemsByOrderId.load(orderId);
  }

  timeline(orderId: string): Promise<OrderStatusChange[]> {
    return this.loaders.orderTimelineByOrderId.load(orderId);
  }

  /**
   * One page sorted newest first by (createdAt desc, id desc), which the (buyerId|sellerId, createdAt desc, id)
   * indexes serve. Backwards pages are read ascending and reversed by the connection.
   */
  private async page(filter: Prisma.OrderWhereInput, page: KeysetPage): Promise<Order[]> {
    const { bounds, order: direction, take } = planKeyset(page);
    const orders = await this.prisma.order.findMany({
      where: {
        AND: [
          filter,
          ...bounds.map((bound) => ({
            OR: [{ createdAt: compare(bound.op, bound.at) }, { createdAt: bound.at, id: compare(bound.idOp, bound.id) }],
          })),
        ],
      },
      orderBy: [{ createdAt: direction.at }, { id: direction.id }],
      take,
    });
    // Later `order(id)` or `_entities` lookups in the same request reuse these rows.
    for (const order of orders) this.loaders.orderById.prime(order.id, order);
    return orders;
  }
}
