import { randomUUID } from 'node:crypto';
import { badUserInput, conflict } from '@threadly/errors';
import { appendToOutbox } from '@threadly/events';
import Stripe from 'stripe';
import type { Order } from '../generated/prisma/client.ts';
import type { CatalogReservations, ReservedProduct } from '../payments/catalog-reservations.ts';
import { checkoutIdFor } from '../services/cart-id.ts';
import { orderPlacedEvent } from '../services/order-events.ts';
import { appendTimeline, lockOrders, transitionOrder } from '../services/order-transitions.ts';
import { catalogUnavailable, paymentsUnavailable, productsUnavailable } from './checkout-errors.ts';
import type { CheckoutDependencies, CheckoutState } from './checkout-state.ts';
import type { WorkflowStep } from './workflow.ts';

/** Claims the next checkout version of the buyer's cart (a second concurrent checkout of it is refused). */
const loadCart = ({ prisma }: CheckoutDependencies): WorkflowStep<CheckoutState> => ({
  name: 'loadCart',
  async invoke(state) {
    const cart = await prisma.cart.findUnique({
      where: { buyerId: state.buyerId },
      include: { items: { orderBy: [{ addedAt: 'asc' }, { id: 'asc' }] } },
    });
    if (!cart || cart.items.length === 0) throw badUserInput('Your cart is empty; add something before checking out.');
    const { count } = await prisma.cart.updateMany({
      where: { id: cart.id, checkoutVersion: cart.checkoutVersion },
      data: { checkoutVersion: cart.checkoutVersion + 1 },
    });
    if (count === 0) throw conflict('This cart is being checked out already; wait for that checkout to finish.');
    state.cartId = cart.id;
    state.productIds = cart.items.map((item) => item.productId);
    state.checkoutId = checkoutIdFor(cart.id, cart.checkoutVersion + 1);
  },
});

/** Catalog holds every product for this buyer, all or nothing; undone by releasing whatever these orders hold. */
const reserveProducts = ({ reservations, settings, logger }: CheckoutDependencies): WorkflowStep<CheckoutState> => ({
  name: 'reserveProducts',
  async invoke(state) {
    state.orderIds = state.productIds.map(() => randomUUID());
    state.reservedUntil = new Date(Date.now() + settings.reservationMs);
    state.reservation = 'asked';
    let answer: Awaited<ReturnType<CatalogReservations['reserve']>>;
    try {
      answer = await reservations.reserve({ buyerId: state.buyerId, productIds: state.productIds, orderIds: state.orderIds, reservedUntil: state.reservedUntil });
    } catch (error) {
      logger.warn({ err: error, checkoutId: state.checkoutId }, 'catalog did not answer the reservation');
      throw catalogUnavailable();
    }
    if (!answer.reserved) {
      state.reservation = 'refused';
      throw productsUnavailable(answer.unavailable);
    }
    state.reserved = answer.products;
  },
  async compensate(state) {
    // A refusal changed nothing; a lost answer may have reserved, and releasing what nobody holds is a no-op.
    if (state.reservation === 'asked') await reservations.release(state.orderIds);
  },
});

/** One PENDING_PAYMENT order per seller at the reserved prices, each with its timeline entry and `order.placed`. */
const createOrders = ({ prisma, settings, outbox }: CheckoutDependencies): WorkflowStep<CheckoutState> => ({
  name: 'createOrders',
  async invoke(state) {
    const currencies = new Set(state.reserved.map((product) => product.currency));
    if (currencies.size > 1) throw badUserInput(`Items priced in different currencies (${[...currencies].join(', ')}) cannot be checked out together.`);
    const byOrder = new Map<string, ReservedProduct[]>();
    for (const product of state.reserved) byOrder.set(product.orderId, [...(byOrder.get(product.orderId) ?? []), product]);
    const { address } = state;
    state.orders = await prisma.$transaction(async (tx) => {
      const orders: Order[] = [];
      for (const [orderId, products] of byOrder) {
        const subtotalAmount = products.reduce((sum, product) => sum + product.priceAmount, 0);
        const order = await tx.order.create({
          data: {
            id: orderId,
            buyerId: state.buyerId,
            sellerId: products[0]!.sellerId,
            currency: products[0]!.currency,
            subtotalAmount,
            shippingAmount: settings.shippingAmount,
            totalAmount: subtotalAmount + settings.shippingAmount,
            shippingName: address.name,
            shippingLine1: address.line1,
            shippingLine2: address.line2 ?? null,
            shippingCity: address.city,
            shippingPostalCode: address.postalCode,
            shippingCountry: address.country,
            checkoutId: state.checkoutId,
            reservedUntil: state.reservedUntil,
            items: { create: products.map((product) => ({ productId: product.id, title: product.title, priceAmount: product.priceAmount, currency: product.currency })) },
          },
          include: { items: { orderBy: { id: 'asc' } } },
        });
        await appendTimeline(tx, order, 'PENDING_PAYMENT', 'Placed; waiting for payment.', state.buyerId);
        await appendToOutbox(tx, [orderPlacedEvent(order, order.items)]);
        const { items: _items, ...row } = order;
        orders.push(row);
      }
      return orders;
    });
    outbox.poke();
  },
  async compensate(state) {
    await prisma.$transaction(async (tx) => {
      for (const order of await lockOrders(tx, { id: { in: state.orderIds }, status: 'PENDING_PAYMENT' })) {
        await transitionOrder(tx, order, { to: 'CANCELLED', reason: 'CHECKOUT_FAILED' }, { actorId: null });
      }
    });
    outbox.poke();
  },
});

/** A lost answer, not a refusal: the request may have created the PaymentIntent. */
const outcomeUnknown = (error: unknown) => error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError;

/** One PaymentIntent for all the orders, keyed by the checkout attempt; undone by cancelling it. */
const createPaymentIntent = ({ prisma, payments, logger }: CheckoutDependencies): WorkflowStep<CheckoutState> => {
  const request = (state: CheckoutState) => ({
    amount: state.orders.reduce((sum, order) => sum + order.totalAmount, 0),
    currency: state.orders[0]!.currency,
    checkoutId: state.checkoutId,
    orderIds: state.orders.map((order) => order.id),
  });
  return {
    name: 'createPaymentIntent',
    async invoke(state) {
      try {
        state.paymentIntent = await payments.createPaymentIntent(request(state));
      } catch (error) {
        state.paymentIntentOutcomeUnknown = outcomeUnknown(error);
        logger.warn({ err: error, checkoutId: state.checkoutId }, 'Stripe did not create the PaymentIntent');
        throw paymentsUnavailable();
      }
      const paymentIntentId = state.paymentIntent.id;
      await prisma.order.updateMany({ where: { id: { in: request(state).orderIds } }, data: { paymentIntentId } });
    },
    async compensate(state) {
      // Asking again with the attempt's idempotency key returns the PaymentIntent whose answer was lost, if any.
      const paymentIntent = state.paymentIntent ?? (state.paymentIntentOutcomeUnknown ? await payments.createPaymentIntent(request(state)) : null);
      if (paymentIntent) await payments.cancelPaymentIntent(paymentIntent.id);
    },
  };
};

/** Takes the bought products out of the cart (anything added meanwhile stays). */
const clearCart = ({ prisma }: CheckoutDependencies): WorkflowStep<CheckoutState> => ({
  name: 'clearCart',
  async invoke(state) {
    await prisma.$transaction(async (tx) => {
      await tx.cartItem.deleteMany({ where: { cartId: state.cartId, productId: { in: state.productIds } } });
      await tx.cart.update({ where: { id: state.cartId }, data: { updatedAt: new Date() } });
    });
  },
});

/** Checkout, step by step; each step's compensation undoes it if a later one fails. */
export const checkoutSteps = (dependencies: CheckoutDependencies): Array<WorkflowStep<CheckoutState>> => [
  loadCart(dependencies),
  reserveProducts(dependencies),
  createOrders(dependencies),
  createPaymentIntent(dependencies),
  clearCart(dependencies),
];
