import { z } from 'zod';
import { defineEvent } from './envelope.ts';

const parties = { orderId: z.uuid(), buyerId: z.uuid(), sellerId: z.uuid() };
const productIds = z.array(z.uuid()).min(1);

export const orderPlaced = defineEvent(
  'order.placed',
  1,
  z.object({
    ...parties,
    number: z.string(),
    items: z.array(z.object({ productId: z.uuid(), priceAmount: z.number().int(), currency: z.string().length(3) })).min(1),
    totalAmount: z.number().int(),
    currency: z.string().length(3),
  }),
);

export const orderPaid = defineEvent('order.paid', 1, z.object({ ...parties, productIds, paymentIntentId: z.string() }));

export const orderShipped = defineEvent(
  'order.shipped',
  1,
  z.object({ ...parties, productIds, carrier: z.string(), trackingNumber: z.string() }),
);

export const orderDelivered = defineEvent('order.delivered', 1, z.object({ ...parties, productIds }));

export const orderCancellationReason = z.enum(['BUYER_CANCELLED', 'PAYMENT_FAILED', 'PAYMENT_CANCELED', 'RESERVATION_EXPIRED', 'CHECKOUT_FAILED', 'ADMIN']);

export const orderCancelled = defineEvent('order.cancelled', 1, z.object({ ...parties, productIds, reason: orderCancellationReason }));

export const orderRefunded = defineEvent(
  'order.refunded',
  1,
  z.object({ ...parties, productIds, amount: z.number().int(), currency: z.string().length(3) }),
);
