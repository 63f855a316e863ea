import { notFound } from '@threadly/errors';
import { compare, isUuid, planKeyset, type KeysetPage } from '@threadly/database';
import type { Viewer } from '@threadly/identity-headers';
import type { CatalogPrisma } from '../database.ts';
import type { Prisma, Product, ProductCondition, ProductStatus } from '../generated/prisma/client.ts';
import type { CatalogLoaders } from '../loaders/index.ts';
import type { CategoryService } from './category.service.ts';

/** Narrows the public product list. Prices are in minor units; strings match case-insensitively. */
export interface ProductFilter {
  categoryId?: string | null;
  categorySlug?: string | null;
  sellerId?: string | null;
  conditions?: ProductCondition[] | null;
  size?: string | null;
  brand?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
}

/** Statuses nobody but the seller (and admins) may see: unfinished or withdrawn listings. */
const PRIVATE_STATUSES: ReadonlySet<ProductStatus> = new Set(['DRAFT', 'ARCHIVED']);

/**
 * Reads products, applying who may see which listing. That is data filtering, not authorization: a listing the
 * viewer may not see is NOT_FOUND (or null as an entity reference), exactly like one that does not exist. Who may
 * change a listing is declared on the mutations (auth scopes).
 */
export class ProductService {
  constructor(
    private readonly prisma: CatalogPrisma,
    private readonly loaders: CatalogLoaders,
    private readonly categories: CategoryService,
    private readonly viewer: Viewer | null,
  ) {}

  /** The seller of `sellerId` or an admin: who may see and manage that seller's private listings. */
  isOwnerOrAdmin(sellerId: string): boolean {
    return this.viewer !== null && (this.viewer.userId === sellerId || this.viewer.role === 'ADMIN');
  }

  /** Whether everyone may see the listing (not a draft or archived one); what the viewer may not share in a cache. */
  isPublic(product: Product): boolean {
    return !PRIVATE_STATUSES.has(product.status);
  }

  canSee(product: Product): boolean {
    return this.isPublic(product) || this.isOwnerOrAdmin(product.sellerId);
  }

  /** The product if the viewer may see it, else NOT_FOUND (so hidden listings cannot be probed by id). */
  async getVisible(id: string): Promise<Product> {
    const product = await this.loaders.productById.load(id);
    if (!product || !this.canSee(product)) throw notFound('Product', id);
    return product;
  }

  /**
   * For `_entities`: another subgraph holding a product id (a cart, an order, a conversation) got it while the
   * product was public, so archived, reserved and sold products still resolve there, with their status. Drafts
   * never were public and resolve only for their seller and admins.
   */
  async findReference(id: string): Promise<Product | null> {
    const product = await this.loaders.productById.load(id);
    if (!product || (product.status === 'DRAFT' && !this.isOwnerOrAdmin(product.sellerId))) return null;
    return product;
  }

  /**
   * The ACTIVE ones among `ids`, by id, in one batched query (search results: a listing sold after the index
   * answered is left out rather than shown).
   */
  async loadActive(ids: string[]): Promise<Map<string, Product>> {
    const products = await this.loaders.productById.loadMany(ids);
    return new Map(
      products.filter((product): product is Product => product !== null && !(product instanceof Error) && product.status === 'ACTIVE').map((product) => [product.id, product]),
    );
  }

  /** ACTIVE products, newest first, narrowed by `filter`. */
  async listActive(filter: ProductFilter, page: KeysetPage): Promise<Product[]> {
    if ((filter.sellerId && !isUuid(filter.sellerId)) || (filter.categoryId && !isUuid(filter.categoryId))) return [];
    const categoryIds = filter.categoryId || filter.categorySlug ? await this.categories.subtreeIds(filter, 'filter') : null;
    const insensitive = (value: string) => ({ equals: value, mode: 'insensitive' as const });
    return this.page(
      {
        status: 'ACTIVE',
        ...(categoryIds ? { categoryId: { in: categoryIds } } : {}),
        ...(filter.sellerId ? { sellerId: filter.sellerId } : {}),
        ...(filter.conditions?.length ? { condition: { in: filter.conditions } } : {}),
        ...(filter.size ? { size: insensitive(filter.size) } : {}),
        ...(filter.brand ? { brand: insensitive(filter.brand) } : {}),
        priceAmount: { ...(filter.minPrice != null ? { gte: filter.minPrice } : {}), ...(filter.maxPrice != null ? { lte: filter.maxPrice } : {}) },
      },
      page,
    );
  }

  /**
   * A seller's listings, newest first. Others see only ACTIVE ones; the seller and admins see every status,
   * or just `status` when given.
   */
  listBySeller(sellerId: string, status: ProductStatus | null | undefined, page: KeysetPage): Promise<Product[]> {
    if (!isUuid(sellerId)) return Promise.resolve([]);
    if (!this.isOwnerOrAdmin(sellerId) && status && status !== 'ACTIVE') return Promise.resolve([]);
    const visible = this.isOwnerOrAdmin(sellerId) ? status : 'ACTIVE';
    return this.page({ sellerId, ...(visible ? { status: visible } : {}) }, page);
  }

  private async page(where: Prisma.ProductWhereInput, page: KeysetPage): Promise<Product[]> {
    const { bounds, order, take } = planKeyset(page);
    const products = await this.prisma.product.findMany({
      where: {
        ...where,
        AND: bounds.map((bound) => ({
          OR: [{ createdAt: compare(bound.op, bound.at) }, { createdAt: bound.at, id: compare(bound.idOp, bound.id) }],
        })),
      },
      orderBy: [{ createdAt: order.at }, { id: order.id }],
      take,
    });
    // Fields below ask for products by id again (e.g. after a mutation); the list already has them.
    for (const product of products) this.loaders.productById.prime(product.id, product);
    return products;
  }
}
