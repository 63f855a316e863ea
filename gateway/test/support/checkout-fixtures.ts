import { DEMO_ACCOUNTS, generateDemoData } from '@threadly/demo-data';
import type Stripe from 'stripe';
import type { CheckoutSupergraph } from './checkout-supergraph.ts';
import type { GraphQLResponse } from './test-supergraph.ts';

const data = generateDemoData();
export const { buyer, seller } = DEMO_ACCOUNTS;
const leafCategory = data.categories.find((category) => !data.categories.some((child) => child.parentId === category.id))!;

export const SHIPPING_ADDRESS = { name: 'Ada Buyer', line1: 'Torstraße 1', city: 'Berlin', postalCode: '10119', country: 'de' };

export const CHECKOUT = `mutation($input: CheckoutInput!) {
  checkout(input: $input) { clientSecret paymentIntentId orders { id status seller { id } total { amount currency } items { product { id } } } }
}`;
export const ORDER = 'query($id: ID!) { order(id: $id) { id status timeline { status note actor { id } } } }';
export const PRODUCT_STATUS = 'query($id: ID!) { product(id: $id) { id status } }';

/** The first error's code, or the data when there is none: one value to assert on. */
export const outcomeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code ?? 'OK';

/** A new ACTIVE listing of `sellerId` (the demo seller by default), priced `amount`. */
export async function newActiveListing(supergraph: CheckoutSupergraph, amount = 4_500, sellerId: string = seller.id): Promise<string> {
  const created = await supergraph.graphql(
    'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }',
    {
      input: {
        title: 'Linen shirt, size M',
        description: 'Worn twice.',
        price: { amount },
        condition: 'VERY_GOOD',
        categoryId: leafCategory.id,
        images: [{ url: 'https://images.example.com/shirt.jpg', alt: 'Front' }],
      },
    },
    { as: sellerId },
  );
  const id: string | undefined = created.body.data?.createListing?.id;
  if (!id) throw new Error(`createListing failed: ${JSON.stringify(created.body.errors)}`);
  await supergraph.graphql('mutation($id: ID!) { publishListing(id: $id) { id } }', { id }, { as: sellerId });
  return id;
}

/** Empties the buyer's cart and puts exactly `productIds` in it. */
export async function fillCart(supergraph: CheckoutSupergraph, auth: { as?: string; token?: string }, productIds: string[]) {
  await supergraph.graphql('mutation { clearCart { id } }', {}, auth);
  for (const id of productIds) {
    const added = await supergraph.graphql('mutation($id: ID!) { addToCart(productId: $id) { id } }', { id }, auth);
    if (added.body.errors) throw new Error(`addToCart failed: ${JSON.stringify(added.body.errors)}`);
  }
}

export const checkout = (supergraph: CheckoutSupergraph, auth: { as?: string; token?: string }) =>
  supergraph.graphql(CHECKOUT, { input: { shippingAddress: SHIPPING_ADDRESS } }, auth);

/** The demo buyer checks out one new listing: its order, product and PaymentIntent. */
export async function placeOrder(supergraph: CheckoutSupergraph) {
  const productId = await newActiveListing(supergraph);
  await fillCart(supergraph, { as: buyer.id }, [productId]);
  const placed = await checkout(supergraph, { as: buyer.id });
  if (placed.body.errors) throw new Error(`checkout failed: ${JSON.stringify(placed.body.errors)}`);
  const { paymentIntentId, orders } = placed.body.data.checkout;
  return { productId, orderId: orders[0].id as string, paymentIntentId: paymentIntentId as string };
}

/** The event of `type` the stand-in recorded for a PaymentIntent (or its charge), newest first. */
export function stripeEventFor(supergraph: CheckoutSupergraph, type: string, paymentIntentId: string): Stripe.Event {
  const event = supergraph.standIn.events
    .list()
    .reverse()
    .find((candidate) => {
      if (candidate.type !== type) return false;
      const object = candidate.data.object as { id?: string; payment_intent?: string | null };
      return object.id === paymentIntentId || object.payment_intent === paymentIntentId;
    });
  if (!event) throw new Error(`no ${type} event for ${paymentIntentId}`);
  return event;
}

/** Pays a checkout at the stand-in and delivers the signed `payment_intent.succeeded` to the gateway. */
export async function payAndDeliver(supergraph: CheckoutSupergraph, paymentIntentId: string) {
  await supergraph.standIn.confirmPaymentIntent(paymentIntentId, 'succeeded');
  const [delivery] = await supergraph.standIn.deliverWebhook(stripeEventFor(supergraph, 'payment_intent.succeeded', paymentIntentId));
  return delivery!;
}

export async function orderStatus(supergraph: CheckoutSupergraph, orderId: string, as: string = buyer.id): Promise<string | undefined> {
  return (await supergraph.graphql(ORDER, { id: orderId }, { as })).body.data?.order?.status;
}

export async function productStatus(supergraph: CheckoutSupergraph, productId: string): Promise<string | undefined> {
  return (await supergraph.graphql(PRODUCT_STATUS, { id: productId }, { as: seller.id })).body.data?.product?.status;
}
