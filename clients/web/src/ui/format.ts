import type { ProductCondition, OrderStatus } from '../gql/graphql.ts';

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** Money is integer minor units (cents) on the wire. */
export function formatMoney({ amount, currency }: { amount: number; currency: string }): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(amount / 100);
}

export const CONDITION_LABELS: Record<ProductCondition, string> = {
  NEW_WITH_TAGS: 'New with tags',
  NEW_WITHOUT_TAGS: 'New without tags',
  VERY_GOOD: 'Very good',
  GOOD: 'Good',
  FAIR: 'Fair',
};

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING_PAYMENT: 'Awaiting payment',
  PAID: 'Paid',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  REFUNDED: 'Refunded',
};

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
export const formatDateTime = (iso: string) => `${dateFormat.format(new Date(iso))}, ${timeFormat.format(new Date(iso))}`;
export const formatTime = (iso: string) => timeFormat.format(new Date(iso));
