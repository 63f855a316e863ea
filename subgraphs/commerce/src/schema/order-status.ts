import { builder } from '../builder.ts';

export const OrderStatusEnum = builder.enumType('OrderStatus', {
  description: 'Where an order is in its life.',
  values: {
    PENDING_PAYMENT: { description: 'Placed; the buyer has not paid yet.' },
    PAID: { description: 'Paid; the seller should ship.' },
    SHIPPED: { description: 'Handed to the carrier.' },
    DELIVERED: { description: 'Arrived at the buyer.' },
    CANCELLED: { description: 'Cancelled before it shipped; nothing was charged or the charge was voided.' },
    REFUNDED: { description: 'The buyer got their money back.' },
  } as const,
});
