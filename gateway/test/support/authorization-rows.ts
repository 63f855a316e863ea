import { DEMO_ACCOUNTS, generateDemoData } from '@threadly/demo-data';

/**
 * What an attempt gets, as the README's Authorization table writes it: `allowed` (data, a non-empty list where
 * the field is a list), `own` (succeeds on the caller's own data, which may be empty), `null` (the field is null,
 * no error), `filtered` (an empty list, no error), or the error code.
 */
export type Outcome = 'allowed' | 'own' | 'null' | 'filtered' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

export type Actor = 'buyer' | 'seller' | 'admin' | 'stranger' | 'anonymous';

/** Creates what a state-changing row needs, through the gateway, so attempts never share data. */
export interface FixtureFactory {
  /** A new listing of the demo seller, as a DRAFT or published (ACTIVE). */
  newListing(status: 'DRAFT' | 'ACTIVE'): Promise<string>;
  /** Puts a new ACTIVE listing (the demo seller's) alone in the actor's cart, so a checkout has something to buy. */
  fillCartOf(actor: Actor): Promise<void>;
}

export interface AuthorizationRow {
  /** The first cell of the README row, without backticks: `Type.field` and, when needed, which case. */
  name: string;
  operation: string;
  /** Where the field's value is in `data`. */
  path: string[];
  /** Called once per attempt (as `actor`), so a row that changes state acts on fresh data each time. */
  variables: (fixtures: FixtureFactory, actor: Actor) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The user the row is for; they must get `allowed`. */
  allowed: 'buyer' | 'seller';
  /** Outcomes for a signed-in user who is neither that user nor an admin, for anonymous callers and for an admin. */
  other: Outcome;
  anonymous: Outcome;
  admin: Outcome;
}

const data = generateDemoData();
const { buyer, seller, admin } = DEMO_ACCOUNTS;
const strangerId = data.users.find((user) => user.role === 'BUYER' && ![buyer.id, seller.id].includes(user.id))!.id;
const order = data.orders.find((candidate) => candidate.buyerId === buyer.id && candidate.sellerId === seller.id)!;
const conversation = data.conversations.find((candidate) => candidate.buyerId === buyer.id && candidate.sellerId === seller.id)!;
/** The demo seller's sales at each stage, bought by someone other than the stranger below (who must not see them). */
const saleOfSeller = (status: string) =>
  data.orders.find((candidate) => candidate.sellerId === seller.id && candidate.status === status && candidate.buyerId !== strangerId)!;
const unpaidPurchase = data.orders.find((candidate) => candidate.buyerId === buyer.id && candidate.status === 'PENDING_PAYMENT' && candidate.sellerId !== strangerId)!;
const activeListing = data.products.find((product) => product.sellerId === seller.id && product.status === 'ACTIVE')!;
const draftListing = data.products.find((product) => product.sellerId === seller.id && product.status === 'DRAFT')!;
const leafCategory = data.categories.find((category) => !data.categories.some((child) => child.parentId === category.id))!;

/** Demo users by the part they play; the stranger is a plain buyer with no part in the fixtures. */
export const ACTORS: Record<Exclude<Actor, 'anonymous'>, string> = {
  buyer: buyer.id,
  seller: seller.id,
  admin: admin.id,
  stranger: strangerId,
};

export const newListingInput = () => ({
  title: 'Wool coat, barely worn',
  description: 'Warm, no flaws.',
  price: { amount: 9000 },
  condition: 'VERY_GOOD',
  categoryId: leafCategory.id,
  images: [{ url: 'https://images.example.com/coat.jpg', alt: 'Front' }],
});

/** Queries that anyone may call, anonymous included; every other Query field needs a row. */
export const PUBLIC_QUERY_FIELDS = ['categories', 'category', 'products', 'searchProducts', 'me', 'user'];

const page = (field: string) => `${field}(first: 2) { edges { node { id } } }`;
const byId = (id: string) => () => ({ id });
const none = () => ({});
const signedInOnly = { other: 'own', anonymous: 'UNAUTHENTICATED', admin: 'own' } as const;
const selfOrAdmin = { other: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'allowed' } as const;
const partiesOrAdmin = { other: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', admin: 'allowed' } as const;
const participantsOnly = { other: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN' } as const;

/** The README's Authorization table, row for row, in its order. */
export const AUTHORIZATION_ROWS: AuthorizationRow[] = [
  // identity
  { name: 'Mutation.updateProfile', allowed: 'buyer', ...signedInOnly,
    operation: 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }',
    path: ['updateProfile'], variables: () => ({ input: { bio: 'Knitwear and straight jeans.' } }) },
  { name: 'User.email', allowed: 'buyer', other: 'null', anonymous: 'null', admin: 'allowed',
    operation: 'query($id: ID!) { user(id: $id) { email } }', path: ['user', 'email'], variables: byId(buyer.id) },
  // catalog
  { name: 'Mutation.createListing', allowed: 'seller', ...signedInOnly,
    operation: 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }',
    path: ['createListing'], variables: () => ({ input: newListingInput() }) },
  { name: 'Mutation.updateListing', allowed: 'seller', other: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN',
    operation: 'mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id } }',
    path: ['updateListing'], variables: async (fixtures) => ({ id: await fixtures.newListing('ACTIVE'), input: { title: 'Wool coat, like new' } }) },
  // Unpublished listings are hidden from everyone but their seller and admins.
  { name: 'Mutation.publishListing', allowed: 'seller', other: 'NOT_FOUND', anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN',
    operation: 'mutation($id: ID!) { publishListing(id: $id) { id } }',
    path: ['publishListing'], variables: async (fixtures) => ({ id: await fixtures.newListing('DRAFT') }) },
  { name: 'Mutation.archiveListing', allowed: 'seller', ...selfOrAdmin,
    operation: 'mutation($id: ID!) { archiveListing(id: $id) { id } }',
    path: ['archiveListing'], variables: async (fixtures) => ({ id: await fixtures.newListing('ACTIVE') }) },
  { name: 'Query.product (a DRAFT or ARCHIVED listing)', allowed: 'seller', other: 'NOT_FOUND', anonymous: 'NOT_FOUND', admin: 'allowed',
    operation: 'query($id: ID!) { product(id: $id) { id } }', path: ['product'], variables: byId(draftListing.id) },
  { name: 'User.listings (status other than ACTIVE)', allowed: 'seller', other: 'filtered', anonymous: 'filtered', admin: 'allowed',
    operation: 'query($id: ID!) { user(id: $id) { listings(status: DRAFT) { edges { node { id } } } } }',
    path: ['user', 'listings', 'edges'], variables: byId(seller.id) },
  { name: 'Mutation.favoriteProduct', allowed: 'buyer', ...signedInOnly,
    operation: 'mutation($id: ID!) { favoriteProduct(productId: $id) { id } }', path: ['favoriteProduct'], variables: byId(activeListing.id) },
  { name: 'Mutation.unfavoriteProduct', allowed: 'buyer', ...signedInOnly,
    operation: 'mutation($id: ID!) { unfavoriteProduct(productId: $id) { id } }', path: ['unfavoriteProduct'], variables: byId(activeListing.id) },
  { name: 'User.favorites', allowed: 'buyer', ...selfOrAdmin,
    operation: `query($id: ID!) { user(id: $id) { ${page('favorites')} } }`, path: ['user', 'favorites', 'edges'], variables: byId(buyer.id) },
  // commerce
  { name: 'Query.myCart', allowed: 'buyer', ...signedInOnly, operation: '{ myCart { id } }', path: ['myCart'], variables: none },
  { name: 'Mutation.addToCart', allowed: 'buyer', ...signedInOnly,
    operation: 'mutation($id: ID!) { addToCart(productId: $id) { id } }', path: ['addToCart'], variables: byId(activeListing.id) },
  { name: 'Mutation.removeFromCart', allowed: 'buyer', ...signedInOnly,
    operation: 'mutation($id: ID!) { removeFromCart(productId: $id) { id } }', path: ['removeFromCart'], variables: byId(activeListing.id) },
  { name: 'Mutation.clearCart', allowed: 'buyer', ...signedInOnly, operation: 'mutation { clearCart { id } }', path: ['clearCart'], variables: none },
  { name: 'Mutation.checkout', allowed: 'buyer', ...signedInOnly,
    operation: 'mutation($input: CheckoutInput!) { checkout(input: $input) { paymentIntentId } }', path: ['checkout'],
    variables: async (fixtures, actor) => {
      await fixtures.fillCartOf(actor);
      return { input: { shippingAddress: { name: 'Ada', line1: 'Torstraße 1', city: 'Berlin', postalCode: '10119', country: 'DE' } } };
    } },
  { name: 'Mutation.shipOrder', allowed: 'seller', ...participantsOnly,
    operation: 'mutation($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "00340434161094042557") { id } }',
    path: ['shipOrder'], variables: byId(saleOfSeller('PAID').id) },
  { name: 'Mutation.markOrderDelivered', allowed: 'seller', ...participantsOnly,
    operation: 'mutation($id: ID!) { markOrderDelivered(orderId: $id) { id } }', path: ['markOrderDelivered'], variables: byId(saleOfSeller('SHIPPED').id) },
  { name: 'Mutation.cancelOrder', allowed: 'buyer', ...participantsOnly,
    operation: 'mutation($id: ID!) { cancelOrder(orderId: $id) { id } }', path: ['cancelOrder'], variables: byId(unpaidPurchase.id) },
  { name: 'Query.order', allowed: 'buyer', ...partiesOrAdmin,
    operation: 'query($id: ID!) { order(id: $id) { id number } }', path: ['order'], variables: byId(order.id) },
  { name: 'Order.* (as its seller)', allowed: 'seller', ...partiesOrAdmin,
    operation: 'query($id: ID!) { order(id: $id) { buyer { id } total { amount } shippingAddress { city } timeline { status } } }',
    path: ['order', 'timeline'], variables: byId(order.id) },
  { name: 'Query.myOrders', allowed: 'buyer', ...signedInOnly, operation: `{ ${page('myOrders')} }`, path: ['myOrders', 'edges'], variables: none },
  { name: 'User.orders', allowed: 'buyer', ...selfOrAdmin,
    operation: `query($id: ID!) { user(id: $id) { ${page('orders')} } }`, path: ['user', 'orders', 'edges'], variables: byId(buyer.id) },
  // messaging
  { name: 'Query.myConversations', allowed: 'buyer', ...signedInOnly,
    operation: `{ ${page('myConversations')} }`, path: ['myConversations', 'edges'], variables: none },
  { name: 'Query.conversation', allowed: 'buyer', ...partiesOrAdmin,
    operation: 'query($id: ID!) { conversation(id: $id) { id } }', path: ['conversation'], variables: byId(conversation.id) },
  { name: 'Conversation.* (as its seller)', allowed: 'seller', ...partiesOrAdmin,
    operation: `query($id: ID!) { conversation(id: $id) { lastMessage { body } ${page('messages')} } }`,
    path: ['conversation', 'messages', 'edges'], variables: byId(conversation.id) },
  { name: 'User.conversations', allowed: 'buyer', ...selfOrAdmin,
    operation: `query($id: ID!) { user(id: $id) { ${page('conversations')} } }`,
    path: ['user', 'conversations', 'edges'], variables: byId(buyer.id) },
  { name: 'Mutation.startConversation', allowed: 'buyer', ...signedInOnly,
    operation: 'mutation($id: ID!, $text: String!) { startConversation(productId: $id, message: $text) { id } }',
    path: ['startConversation'], variables: () => ({ id: activeListing.id, text: 'Is it still available?' }) },
  { name: 'Mutation.sendMessage', allowed: 'buyer', ...participantsOnly,
    operation: 'mutation($id: ID!, $text: String!) { sendMessage(conversationId: $id, body: $text) { id } }',
    path: ['sendMessage'], variables: () => ({ id: conversation.id, text: 'Could you ship on Monday?' }) },
  { name: 'Mutation.markConversationRead', allowed: 'buyer', ...participantsOnly,
    operation: 'mutation($id: ID!) { markConversationRead(conversationId: $id) { id } }',
    path: ['markConversationRead'], variables: byId(conversation.id) },
];
