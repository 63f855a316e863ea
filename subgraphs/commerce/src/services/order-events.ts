import {
  orderCancelled,
  orderDelivered,
  orderPaid,
  orderPlaced,
  orderRefunded,
  orderShipped,
  type DomainEvent,
  type orderCancellationReason,
} from '@threadly/event-contracts';
import type { z } from 'zod';
import type { Order, OrderItem } from '../generated/prisma/client.ts';
import { formatOrderNumber } from './order-number.ts';

export type CancellationReason = z.infer<typeof orderCancellationReason>;

/** A status change with what its event carries; every transition of an order is one of these. */
export type OrderChange =
  | { to: 'PAID'; paymentIntentId: string }
  | { to: 'SHIPPED'; carrier: string; trackingNumber: string }
  | { to: 'DELIVERED' }
  | { to: 'CANCELLED'; reason: CancellationReason }
  | { to: 'REFUNDED' };

const parties = (order: Order) => ({ orderId: order.id, buyerId: order.buyerId, sellerId: order.sellerId });

/** `order.placed`, written with the order. */
export const orderPlacedEvent = (order: Order, items: OrderItem[]): DomainEvent =>
  orderPlaced.create(order.id, {
    ...parties(order),
    number: formatOrderNumber(order.number),
    items: items.map((item) => ({ productId: item.productId, priceAmount: item.priceAmount, currency: item.currency })),
    totalAmount: order.totalAmount,
    currency: order.currency,
  });

/** The event announcing `change`, written in the transaction that makes it. */
export function orderChangedEvent(order: Order, items: OrderItem[], change: OrderChange): DomainEvent {
  const base = { ...parties(order), productIds: items.map((item) => item.productId) };
  switch (change.to) {
    case 'PAID':
      return orderPaid.create(order.id, { ...base, paymentIntentId: change.paymentIntentId });
    case 'SHIPPED':
      return orderShipped.create(order.id, { ...base, carrier: change.carrier, trackingNumber: change.trackingNumber });
    case 'DELIVERED':
      return orderDelivered.create(order.id, base);
    case 'CANCELLED':
      return orderCancelled.create(order.id, { ...base, reason: change.reason });
    case 'REFUNDED':
      return orderRefunded.create(order.id, { ...base, amount: order.totalAmount, currency: order.currency });
  }
}

const CANCELLATION_NOTES: Record<CancellationReason, string> = {
  BUYER_CANCELLED: 'Cancelled by the buyer.',
  PAYMENT_FAILED: 'Payment failed.',
  PAYMENT_CANCELED: 'Payment was canceled.',
  RESERVATION_EXPIRED: 'Not paid in time; the reservation expired.',
  CHECKOUT_FAILED: 'Checkout could not be completed; nothing was charged.',
  ADMIN: 'Cancelled by an administrator.',
};

const formatMoney = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

/** The timeline note a change gets unless its caller gives one. */
export function defaultNote(order: Order, change: OrderChange): string | null {
  switch (change.to) {
    case 'PAID':
      return `Paid ${formatMoney(order.totalAmount, order.currency)}.`;
    case 'SHIPPED':
      return `Shipped with ${change.carrier}, tracking number ${change.trackingNumber}.`;
    case 'DELIVERED':
      return null;
    case 'CANCELLED':
      return CANCELLATION_NOTES[change.reason];
    case 'REFUNDED':
      return `Refunded ${formatMoney(order.totalAmount, order.currency)}.`;
  }
}
