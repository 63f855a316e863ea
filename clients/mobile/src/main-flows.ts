import {
  AddToCartDocument,
  CheckoutDocument,
  ConversationThreadDocument,
  FavoriteProductDocument,
  HomeDocument,
  MarkConversationReadDocument,
  MyCartDocument,
  MyDashboardDocument,
  OrderDetailDocument,
  ProductDetailDocument,
  RemoveFromCartDocument,
  SendMessageDocument,
  StartConversationDocument,
  UnfavoriteProductDocument,
} from './gql/graphql.ts';
import type { OperationResult, RunOperation } from './persisted-client.ts';

/** What each step saw, for the person running the script and for the test that runs it. */
export interface MainFlowsReport {
  viewer: { id: string; displayName: string };
  browsed: { categories: number; listings: number };
  listing: { id: string; title: string; sellerId: string };
  favorite: { favoritedCount: number; unfavoritedCount: number };
  conversation: { id: string; messages: string[]; unreadAfterReading: number };
  order: { number: string; status: string; total: number; items: string[] };
}

/** The step's data, or an error naming the step and the gateway's code: the script stops at the first failure. */
function dataOf<Result>(step: string, result: OperationResult<Result>): Result {
  if (result.errors?.length || !result.data) {
    const error = result.errors?.[0];
    throw new Error(`${step}: ${error?.extensions?.code ?? `HTTP ${result.status}`} — ${error?.message ?? 'no data'}`);
  }
  return result.data;
}

const SHIPPING_ADDRESS = { name: 'Mobile Flows', line1: 'Torstraße 1', city: 'Berlin', postalCode: '10119', country: 'DE' };

/**
 * The mobile app's main flows, as a signed-in user, with nothing but the app's generated documents sent by hash:
 * the profile tab, browsing, a listing, favoriting it (and back), asking its seller a question, and buying it —
 * the cart is emptied first so that checkout places exactly this listing.
 */
export async function runMainFlows(run: RunOperation): Promise<MainFlowsReport> {
  const { me } = dataOf('MyDashboard', await run(MyDashboardDocument));
  if (!me) throw new Error('MyDashboard: not signed in (me is null); pass a session token');

  const home = dataOf('Home', await run(HomeDocument, { first: 20 }));
  let listing: { id: string; title: string; sellerId: string } | undefined;
  for (const { node } of home.products.edges) {
    const { product } = dataOf('ProductDetail', await run(ProductDetailDocument, { id: node.id }));
    // `seller` is null only while identity is unavailable, which dataOf has already refused as a partial answer.
    if (product.seller && product.seller.id !== me.id) {
      listing = { id: product.id, title: product.title, sellerId: product.seller.id };
      break;
    }
  }
  if (!listing) throw new Error('Home: every listing on the first page is the viewer’s own; nothing to buy');

  const favorited = dataOf('FavoriteProduct', await run(FavoriteProductDocument, { productId: listing.id })).favoriteProduct;
  const unfavorited = dataOf('UnfavoriteProduct', await run(UnfavoriteProductDocument, { productId: listing.id })).unfavoriteProduct;
  if (!favorited.isFavorited || unfavorited.isFavorited) throw new Error('FavoriteProduct: isFavorited did not follow the mutations');

  const question = `Is “${listing.title}” still available?`;
  const { startConversation } = dataOf('StartConversation', await run(StartConversationDocument, { productId: listing.id, message: question }));
  dataOf('SendMessage', await run(SendMessageDocument, { conversationId: startConversation.id, body: 'I can pick it up this week.' }));
  const read = dataOf('MarkConversationRead', await run(MarkConversationReadDocument, { conversationId: startConversation.id }));
  const { conversation } = dataOf('ConversationThread', await run(ConversationThreadDocument, { id: startConversation.id, first: 30 }));

  const { myCart } = dataOf('MyCart', await run(MyCartDocument));
  for (const item of myCart.items) {
    if (!item.product) throw new Error('MyCart: a product is null (catalog unavailable); the cart cannot be emptied');
    dataOf('RemoveFromCart', await run(RemoveFromCartDocument, { productId: item.product.id }));
  }
  dataOf('AddToCart', await run(AddToCartDocument, { productId: listing.id }));
  const { checkout } = dataOf('Checkout', await run(CheckoutDocument, { input: { shippingAddress: SHIPPING_ADDRESS } }));
  const placed = checkout.orders[0];
  if (!placed) throw new Error('Checkout: no order was placed');
  const { order } = dataOf('OrderDetail', await run(OrderDetailDocument, { id: placed.id }));

  return {
    viewer: { id: me.id, displayName: me.displayName },
    browsed: { categories: home.categories.length, listings: home.products.edges.length },
    listing,
    favorite: { favoritedCount: favorited.favoritesCount, unfavoritedCount: unfavorited.favoritesCount },
    conversation: {
      id: conversation.id,
      messages: conversation.messages.edges.map(({ node }) => node.body),
      unreadAfterReading: read.markConversationRead.unreadCount,
    },
    order: { number: order.number, status: order.status, total: order.total.amount, items: order.items.map((item) => item.title) },
  };
}
