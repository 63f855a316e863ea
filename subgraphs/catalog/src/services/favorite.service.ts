import { domainError } from '@threadly/errors';
import { isUuid, planKeyset, type KeysetPage } from '@threadly/database';
import type { CatalogPrisma } from '../database.ts';
import type { Product, ProductStatus } from '../generated/prisma/client.ts';
import type { CatalogLoaders } from '../loaders/index.ts';
import type { ProductService } from './product.service.ts';

/** A product in someone's favorites, with when it was favorited (the list's order and cursor). */
export type FavoritedProduct = Product & { favoritedAt: Date };

/** Favorites of withdrawn or unfinished listings stay stored but are not shown to the user. */
const LISTED: ProductStatus[] = ['ACTIVE', 'RESERVED', 'SOLD'];

/**
 * A user's favorites: adding, removing and listing them. Who may do so is declared on the schema fields (auth
 * scopes); these methods act for the user they are given.
 */
export class FavoriteService {
  constructor(
    private readonly prisma: CatalogPrisma,
    private readonly loaders: CatalogLoaders,
    private readonly products: ProductService,
  ) {}

  /** Adds an ACTIVE product to `userId`'s favorites; favoriting twice is a no-op. */
  async favorite(userId: string, productId: string): Promise<Product> {
    const product = await this.products.getVisible(productId);
    if (product.status !== 'ACTIVE') {
      throw domainError('BAD_USER_INPUT', `Only ACTIVE listings can be favorited; this one is ${product.status}.`, { status: product.status });
    }
    await this.prisma.favorite.createMany({ data: [{ userId, productId }], skipDuplicates: true });
    this.forget(productId);
    return product;
  }

  /** Removes a product from `userId`'s favorites; removing one that is not there is a no-op. */
  async unfavorite(userId: string, productId: string): Promise<Product> {
    const product = await this.products.getVisible(productId);
    await this.prisma.favorite.deleteMany({ where: { userId, productId } });
    this.forget(productId);
    return product;
  }

  /**
   * The products `userId` favorited, most recent first. Favorites are private: `User.favorites` admits only the
   * user themself and admins.
   */
  async listForUser(userId: string, page: KeysetPage): Promise<FavoritedProduct[]> {
    if (!isUuid(userId)) return [];
    // Through a loader: the favorites of every user in a list (an admin's view) share one statement.
    const rows = await this.loaders.favoritesByUser.load({ parentId: userId, plan: planKeyset(page), filter: LISTED });
    const products = await this.products.byIds(rows.map((row) => row.id));
    const favoritedAt = new Map(rows.map((row) => [row.id, row.at]));
    return products.map((product) => ({ ...product, favoritedAt: favoritedAt.get(product.id)! }));
  }

  private forget(productId: string) {
    this.loaders.favoriteCount.clear(productId);
    this.loaders.favoritedByViewer.clear(productId);
  }
}
