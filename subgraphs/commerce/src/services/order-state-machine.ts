import { domainError } from '@threadly/errors';
import type { OrderStatus } from '../generated/prisma/client.ts';

/** What the machine needs to know about an order: where it is, and whether money was ever taken for it. */
export interface OrderState {
  status: OrderStatus;
  /** Payment succeeded at some point (a cancelled order may still have been paid, and so be refundable). */
  paid: boolean;
}

/**
 * Every move an order may make. PENDING_PAYMENT ends paid or cancelled (payment failed or canceled, reservation
 * expired, checkout failed, buyer cancelled); a paid order ships (seller) or is cancelled by its buyer before
 * shipping (refunded at Stripe); a shipped one is delivered. A refund at Stripe (`charge.refunded`) ends any order
 * that was paid, including one cancelled after payment.
 */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'CANCELLED', 'REFUNDED'],
  SHIPPED: ['DELIVERED', 'REFUNDED'],
  DELIVERED: ['REFUNDED'],
  CANCELLED: ['REFUNDED'],
  REFUNDED: [],
};

/** Whether `state` may move to `to`. CANCELLED → REFUNDED only when the order had been paid. */
export function canTransition(state: OrderState, to: OrderStatus): boolean {
  if (!TRANSITIONS[state.status].includes(to)) return false;
  return !(state.status === 'CANCELLED' && to === 'REFUNDED' && !state.paid);
}

/** The statuses `state` may move to next. */
export const nextStatuses = (state: OrderState): OrderStatus[] => TRANSITIONS[state.status].filter((to) => canTransition(state, to));

/**
 * BAD_USER_INPUT naming the order and both statuses, e.g. "Order TH-000042 is SHIPPED and cannot become
 * CANCELLED.", with `from`/`to` in the extensions so clients can tell why without parsing.
 */
export const invalidOrderTransition = (orderLabel: string, from: OrderStatus, to: OrderStatus) =>
  domainError('BAD_USER_INPUT', `Order ${orderLabel} is ${from} and cannot become ${to}.`, { from, to });

/** Throws {@link invalidOrderTransition} unless `state` may move to `to`. */
export function assertTransition(orderLabel: string, state: OrderState, to: OrderStatus): void {
  if (!canTransition(state, to)) throw invalidOrderTransition(orderLabel, state.status, to);
}
