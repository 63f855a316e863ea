import type { OutboxSignal } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { CommercePrisma } from '../database.ts';
import type { Order } from '../generated/prisma/client.ts';
import type { CatalogReservations, ReservedProduct } from '../payments/catalog-reservations.ts';
import type { CreatedPaymentIntent, StripePayments } from '../payments/stripe-payments.ts';

export interface ShippingAddressInput {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  country: string;
}

export interface CheckoutSettings {
  /** How long catalog holds the products for an unpaid order. */
  reservationMs: number;
  /** Per order, in minor units of the order's currency. */
  shippingAmount: number;
}

export interface CheckoutDependencies {
  prisma: CommercePrisma;
  reservations: CatalogReservations;
  payments: StripePayments;
  settings: CheckoutSettings;
  /** Rung after a commit that wrote order events, so the relay publishes them now. */
  outbox: OutboxSignal;
  logger: Logger;
}

/** What the steps hand each other. */
export interface CheckoutState {
  buyerId: string;
  address: ShippingAddressInput;
  cartId: string;
  productIds: string[];
  /** This attempt's id: the cart and the version it claimed. */
  checkoutId: string;
  /** Ids proposed for the orders, one per product; catalog uses one per seller. */
  orderIds: string[];
  reservedUntil: Date;
  reservation: 'not-asked' | 'refused' | 'asked';
  reserved: ReservedProduct[];
  orders: Order[];
  paymentIntent: CreatedPaymentIntent | null;
  /** The PaymentIntent request may have taken effect without its answer arriving. */
  paymentIntentOutcomeUnknown: boolean;
}

export const initialCheckoutState = (buyerId: string, address: ShippingAddressInput): CheckoutState => ({
  buyerId,
  address,
  cartId: '',
  productIds: [],
  checkoutId: '',
  orderIds: [],
  reservedUntil: new Date(0),
  reservation: 'not-asked',
  reserved: [],
  orders: [],
  paymentIntent: null,
  paymentIntentOutcomeUnknown: false,
});
