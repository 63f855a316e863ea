import { DEMO_ACCOUNTS, generateDemoData } from '@threadly/demo-data';

/** Who asks and with which root arguments: one starting point for a walk from `Query`. */
export interface WalkContext {
  as: string;
  args: Record<string, unknown>;
}

const demo = generateDemoData();
const demoAccounts = [DEMO_ACCOUNTS.buyer.id, DEMO_ACCOUNTS.seller.id, DEMO_ACCOUNTS.admin.id];

/** Every demo user, the three demo accounts first: the viewers a root field without arguments is asked as. */
export const viewers: string[] = [...demoAccounts, ...demo.users.map((user) => user.id).filter((id) => !demoAccounts.includes(id))];

/**
 * Root fields that need arguments, by the type they return: demo rows to name, each asked as the user allowed to read
 * it (so private fields answer), the demo accounts' rows first. A root field whose type is not here and that needs
 * arguments is not a way in; its lists must be reachable another way or be allow-listed.
 */
const contextsByType: Record<string, WalkContext[]> = {
  Product: demo.products
    .filter((product) => product.sellerId === DEMO_ACCOUNTS.seller.id)
    .map((product) => ({ as: product.sellerId, args: { id: product.id } })),
  Category: demo.categories.map((category) => ({ as: DEMO_ACCOUNTS.buyer.id, args: { slug: category.slug } })),
  Order: demo.orders.map((order) => ({ as: order.buyerId, args: { id: order.id } })),
  User: viewers.map((id) => ({ as: id, args: { id } })),
  Conversation: demo.conversations
    .toSorted((a, b) => Number(b.buyerId === DEMO_ACCOUNTS.buyer.id) - Number(a.buyerId === DEMO_ACCOUNTS.buyer.id))
    .map((conversation) => ({ as: conversation.buyerId, args: { id: conversation.id } })),
};

/** The commonest words of listing titles, most frequent first: what a text search (`query: String!`) is asked for. */
const searchTerms = (() => {
  const counts = new Map<string, number>();
  for (const product of demo.products) {
    for (const word of product.title.toLowerCase().match(/\p{L}{4,}/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([word]) => word);
})();

/**
 * The starting points for a root field: the demo rows of its type when it needs an id or slug, search terms when it
 * needs only a `query`, every viewer when it needs nothing; undefined when the walker knows no values to give.
 */
export function contextsFor(returnType: string, requiredArguments: string[]): WalkContext[] | undefined {
  if (requiredArguments.length === 0) return viewers.map((as) => ({ as, args: {} }));
  if (requiredArguments.length === 1 && requiredArguments[0] === 'query') {
    return searchTerms.map((query) => ({ as: DEMO_ACCOUNTS.buyer.id, args: { query } }));
  }
  const contexts = contextsByType[returnType];
  if (!contexts || !requiredArguments.every((name) => name in contexts[0]!.args)) return undefined;
  return contexts;
}
