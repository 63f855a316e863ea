import { badUserInput, notFound } from '@threadly/errors';
import { isUuid } from '@threadly/database';
import type { CatalogPrisma } from '../database.ts';
import type { Category } from '../generated/prisma/client.ts';
import type { CatalogLoaders } from '../loaders/index.ts';

/** Which category a product list is narrowed to; either one, never both. */
export interface CategorySelector {
  categoryId?: string | null;
  categorySlug?: string | null;
}

/** Reads the category tree. */
export class CategoryService {
  constructor(
    private readonly prisma: CatalogPrisma,
    private readonly loaders: CatalogLoaders,
  ) {}

  /** The top-level categories, in display order. */
  roots(): Promise<Category[]> {
    return this.prisma.category.findMany({ where: { parentId: null }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  }

  /** The category with this slug, or NOT_FOUND. */
  async getBySlug(slug: string): Promise<Category> {
    const category = await this.prisma.category.findUnique({ where: { slug } });
    if (!category) throw notFound('Category', slug);
    this.loaders.categoryById.prime(category.id, category);
    return category;
  }

  findById(id: string): Promise<Category | null> {
    return this.loaders.categoryById.load(id);
  }

  children(id: string): Promise<Category[]> {
    return this.loaders.categoryChildren.load(id);
  }

  /**
   * The selected category and all its descendants, so "Women" also lists "Women › Dresses". The tree is small,
   * so one query for all (id, parentId) pairs beats a recursive CTE outside Prisma. BAD_USER_INPUT when the
   * category does not exist: a typo in a slug should not look like an empty shop.
   */
  async subtreeIds(selector: CategorySelector, fieldPrefix: string): Promise<string[]> {
    const all = await this.prisma.category.findMany({ select: { id: true, slug: true, parentId: true } });
    const root = selector.categoryId
      ? all.find((category) => category.id === selector.categoryId)
      : all.find((category) => category.slug === selector.categorySlug);
    if (!root) {
      const field = `${fieldPrefix}.${selector.categoryId ? 'categoryId' : 'categorySlug'}`;
      throw badUserInput(`${field}: no such category`, field);
    }
    const childrenOf = new Map<string, string[]>();
    for (const category of all) {
      if (!category.parentId) continue;
      childrenOf.set(category.parentId, [...(childrenOf.get(category.parentId) ?? []), category.id]);
    }
    const ids: string[] = [];
    const queue = [root.id];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      ids.push(id);
      queue.push(...(childrenOf.get(id) ?? []));
    }
    return ids;
  }

  /** Whether a category exists, for validating a listing's category (BAD_USER_INPUT at `field` otherwise). */
  async assertExists(id: string, field: string): Promise<void> {
    if (!isUuid(id) || !(await this.loaders.categoryById.load(id))) throw badUserInput(`${field}: no such category`, field);
  }
}
