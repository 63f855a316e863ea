import { domainError, forbidden } from '@threadly/errors';
import { compare, isUuid, planKeyset, type KeysetPage } from '@threadly/database';
import type { Viewer } from '@threadly/identity-headers';
import type { CatalogPrisma } from '../database.ts';
import type { Product, ProductStatus } from '../generated/prisma/client.ts';
import type { CatalogLoaders } from '../loaders/index.ts';
import type { ProductService } from './product.service.ts';
import { requireViewer } from './viewer.ts';

/** A product in someone's favorites, with when it was favorited (the list's order and cursor). */
export type FavoritedProduct = Product & { favoritedAt: Date };

/** Favorites of withdrawn or unfinished listings stay stored but are not shown to the user. */
const LISTED: ProductStatus[] = ['ACTIVE', 'RESERVED', 'SOLD'];

/** A user's favorites: adding, removing and listing them. */
export class FavoriteService {
  constructor(
    private readonly prisma: CatalogPrisma,
    private readonly loaders: CatalogLoaders,
    private readonly products: ProductService,
    private readonly viewer: Viewer | null,
  ) {}

  /** Adds an ACTIVE product to the viewer's favorites; favoriting twice is a no-op. */
  async favorite(productId: string): Promise<Product> {
    const viewer = requireViewer(this.viewer);
    const product = await this.products.getVisible(productId);
    if (product.status !== 'ACTIVE') {
      throw domainError('BAD_USER_INPUT', `Only ACTIVE listings can be favorited; this one is ${product.status}.`, { status: product.status });
    }
    await this.prisma.favorite.createMany({ data: [{ userId: viewer.userId, productId }], skipDuplicates: true });
    this.forget(productId);
    return product;
  }

  /** Removes a product from the viewer's favorites; removing one that is not there is a no-op. */
  async unfavorite(productId: string): Promise<Product> {
    const viewer = requireViewer(this.viewer);
    const product = await this.products.getVisible(productId);
    await this.prisma.favorite.deleteMany({ where: { userId: viewer.userId, productId } });
    this.forget(productId);
    return product;
  }

  /**
   * The products `userId` favorited, most recent first. Favorites are private: only the user themself and admins
   * may read them (UNAUTHENTICATED for anonymous viewers, FORBIDDEN for everyone else).
   */
  async listForUser(userId: string, page: KeysetPage): Promise<FavoritedProduct[]> {
    const viewer = requireViewer(this.viewer);
    if (viewer.userId !== userId && viewer.role !== 'ADMIN') throw forbidden("Only the user themself can see their favorites.");
    if (!isUuid(userId)) return [];
    const { bounds, order, take } = planKeyset(page);
    const favorites = await this.prisma.favorite.findMany({
      where: {
        userId,
        product: { status: { in: LISTED } },
        AND: bounds.map((bound) => ({
          OR: [{ createdAt: compare(bound.op, bound.at) }, { createdAt: bound.at, productId: compare(bound.idOp, bound.id) }],
        })),
      },
      orderBy: [{ createdAt: order.at }, { productId: order.id }],
      include: { product: true },
      take,
    });
    return favorites.map(({ product, createdAt }) => {
      this.loaders.productById.prime(product.id, product);
      return { ...product, favoritedAt: createdAt };
    });
  }

  private forget(productId: string) {
    this.loaders.favoriteCount.clear(productId);
    this.loaders.favoritedByViewer.clear(productId);
  }
}
