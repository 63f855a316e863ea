import { productCreated, productStatusChanged, productUpdated, type DomainEvent } from '@threadly/event-contracts';
import type { ProductStatus } from '../generated/prisma/client.ts';

/** What every product event says about the listing. */
export interface ProductFacts {
  id: string;
  sellerId: string;
  categoryId: string;
  status: ProductStatus;
}

/** A product whose status changed, and what it was before. */
export interface ProductStatusMove extends Omit<ProductFacts, 'status'> {
  from: ProductStatus;
  to: ProductStatus;
}

const facts = (product: ProductFacts) => ({ productId: product.id, sellerId: product.sellerId, categoryId: product.categoryId, status: product.status });

export const productCreatedEvent = (product: ProductFacts): DomainEvent => productCreated.create(product.id, facts(product));

/** `product.updated` for content changes (`changedFields` names them), or none when nothing changed. */
export const productUpdatedEvents = (product: ProductFacts, changedFields: string[]): DomainEvent[] =>
  changedFields.length > 0 ? [productUpdated.create(product.id, { ...facts(product), changedFields })] : [];

/** `product.status_changed` for each product whose status really changed. */
export const productStatusChangedEvents = (moves: ProductStatusMove[]): DomainEvent[] =>
  moves
    .filter((move) => move.from !== move.to)
    .map((move) => productStatusChanged.create(move.id, { ...facts({ ...move, status: move.to }), from: move.from }));
