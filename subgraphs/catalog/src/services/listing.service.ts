import { domainError } from '@threadly/errors';
import { appendToOutbox, type OutboxSignal } from '@threadly/events';
import type { CatalogPrisma } from '../database.ts';
import { productCreatedEvent, productUpdatedEvents } from '../events/product-events.ts';
import type { Prisma, Product, ProductCondition, ProductStatus } from '../generated/prisma/client.ts';
import type { CatalogLoaders } from '../loaders/index.ts';
import type { CategoryService } from './category.service.ts';
import { changedListingFields } from './listing-changes.ts';
import { changeProductStatus } from './product-status.ts';
import type { ProductService } from './product.service.ts';

export interface ListingImage {
  url: string;
  alt: string;
}

/** A new listing, already validated by the schema (lengths, price range, 1–10 https images). */
export interface NewListing {
  title: string;
  description: string;
  price: { amount: number; currency: string };
  condition: ProductCondition;
  size?: string | null;
  brand?: string | null;
  color?: string | null;
  categoryId: string;
  images: ListingImage[];
}

/** Changes to a listing: absent fields stay; null clears an optional one; `images` replaces them all. */
export type ListingChanges = { [Key in keyof NewListing]?: NewListing[Key] | null };

/** Statuses in which the seller may still edit a listing; a reserved or sold item is what the buyer agreed to. */
const EDITABLE: ProductStatus[] = ['DRAFT', 'ACTIVE', 'ARCHIVED'];

type Action = 'edit' | 'publish' | 'archive';
const PAST: Record<Action, string> = { edit: 'edited', publish: 'published', archive: 'archived' };

/** BAD_USER_INPUT naming the current status, so the client can tell "already sold" from "still a draft". */
const invalidTransition = (status: ProductStatus, action: Action, allowed: ProductStatus[]) =>
  domainError('BAD_USER_INPUT', `Cannot ${action} a listing that is ${status}; only ${allowed.join(' or ')} listings can be ${PAST[action]}.`, {
    status,
  });

/**
 * Creates listings and moves them through DRAFT → ACTIVE → ARCHIVED. Who may manage which listing (its seller;
 * admins may archive) is declared on the mutation fields as auth scopes; these methods only enforce the life cycle.
 * Every change writes its product event to the outbox in the same transaction, and rings the relay after commit.
 */
export class ListingService {
  constructor(
    private readonly prisma: CatalogPrisma,
    private readonly loaders: CatalogLoaders,
    private readonly categories: CategoryService,
    private readonly products: ProductService,
    private readonly outbox: OutboxSignal,
  ) {}

  /** A new listing as a DRAFT owned by `sellerId`. */
  async create(sellerId: string, input: NewListing): Promise<Product> {
    await this.categories.assertExists(input.categoryId, 'input.categoryId');
    const product = await this.prisma.$transaction(async (tx) => {
      const created = await tx.product.create({
        data: {
          sellerId,
          categoryId: input.categoryId,
          title: input.title,
          description: input.description,
          priceAmount: input.price.amount,
          currency: input.price.currency,
          condition: input.condition,
          size: input.size ?? null,
          brand: input.brand ?? null,
          color: input.color ?? null,
          status: 'DRAFT',
          images: { createMany: { data: input.images.map((image, position) => ({ ...image, position })) } },
        },
      });
      await appendToOutbox(tx, [productCreatedEvent(created)]);
      return created;
    });
    this.outbox.poke();
    this.loaders.productById.prime(product.id, product);
    return product;
  }

  /** Edits a listing while it is DRAFT, ACTIVE or ARCHIVED. */
  async update(id: string, changes: ListingChanges): Promise<Product> {
    const product = await this.products.getVisible(id);
    if (!EDITABLE.includes(product.status)) throw invalidTransition(product.status, 'edit', EDITABLE);
    if (changes.categoryId) await this.categories.assertExists(changes.categoryId, 'input.categoryId');
    const data: Prisma.ProductUncheckedUpdateManyInput = {
      // Explicit, so that replacing only the photos still counts as a change of the listing.
      updatedAt: new Date(),
      ...(changes.title ? { title: changes.title } : {}),
      ...(changes.description != null ? { description: changes.description } : {}),
      ...(changes.price ? { priceAmount: changes.price.amount, currency: changes.price.currency } : {}),
      ...(changes.condition ? { condition: changes.condition } : {}),
      ...(changes.categoryId ? { categoryId: changes.categoryId } : {}),
      ...(changes.size !== undefined ? { size: changes.size } : {}),
      ...(changes.brand !== undefined ? { brand: changes.brand } : {}),
      ...(changes.color !== undefined ? { color: changes.color } : {}),
    };
    const images = changes.images;
    const updated = await this.prisma.$transaction(async (tx) => {
      // The status guard in the WHERE makes a concurrent sale win over an edit that read the old status.
      const { count } = await tx.product.updateMany({ where: { id, status: { in: EDITABLE } }, data });
      if (count === 0) return null;
      if (images) {
        await tx.productImage.deleteMany({ where: { productId: id } });
        await tx.productImage.createMany({ data: images.map((image, position) => ({ ...image, productId: id, position })) });
      }
      // Read under the update's row lock: the event carries the listing as this edit left it.
      const current = await tx.product.findUniqueOrThrow({ where: { id } });
      await appendToOutbox(tx, productUpdatedEvents(current, changedListingFields(product, changes)));
      return current;
    });
    if (!updated) throw invalidTransition((await this.reload(id)).status, 'edit', EDITABLE);
    this.outbox.poke();
    this.loaders.productImages.clear(id);
    this.loaders.productById.clear(id).prime(id, updated);
    return updated;
  }

  /** DRAFT or ARCHIVED → ACTIVE, stamping `publishedAt`. */
  publish(id: string): Promise<Product> {
    return this.transition(id, { action: 'publish', from: ['DRAFT', 'ARCHIVED'], to: 'ACTIVE', data: { publishedAt: new Date() } });
  }

  /** ACTIVE or DRAFT → ARCHIVED. */
  archive(id: string): Promise<Product> {
    return this.transition(id, { action: 'archive', from: ['ACTIVE', 'DRAFT'], to: 'ARCHIVED' });
  }

  private async transition(
    id: string,
    { action, from, to, data }: { action: Action; from: ProductStatus[]; to: ProductStatus; data?: Prisma.ProductUpdateManyMutationInput },
  ): Promise<Product> {
    const product = await this.products.getVisible(id);
    if (!from.includes(product.status)) throw invalidTransition(product.status, action, from);
    const moved = await this.prisma.$transaction((tx) => changeProductStatus(tx, { ids: [id], from, to, data }));
    if (moved.length > 0) this.outbox.poke();
    const current = await this.reload(id);
    if (moved.length === 0) throw invalidTransition(current.status, action, from);
    return current;
  }

  private async reload(id: string): Promise<Product> {
    const product = await this.prisma.product.findUniqueOrThrow({ where: { id } });
    this.loaders.productById.clear(id).prime(id, product);
    return product;
  }
}
