// SQL statements each subgraph runs for one client request, at several list lengths: the N+1 check as numbers.
// Usage: DATABASE_URL=postgres://… npx tsx bench/sql-per-request.ts   (without DATABASE_URL: embedded PGlite)
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { startTestSupergraph, statementsBySchema } from '../gateway/test/support/test-supergraph.ts';

const QUERIES: Record<string, { query: string; as: string }> = {
  'products (listing page)': {
    as: DEMO_ACCOUNTS.buyer.id,
    query: `query($n: Int!) { products(first: $n) { edges { node {
      title seller { displayName } category { name } favoritesCount isFavorited images { url alt } price { amount } } } } }`,
  },
  'myOrders (buyer)': {
    as: DEMO_ACCOUNTS.buyer.id,
    query: `query($n: Int!) { myOrders(first: $n) { edges { node {
      number status total { amount } items { title product { title seller { displayName } } } seller { displayName } timeline { status } } } } }`,
  },
  'myConversations': {
    as: DEMO_ACCOUNTS.buyer.id,
    query: `query($n: Int!) { myConversations(first: $n) { edges { node {
      product { title images { url } } participants { displayName } lastMessage { body sender { displayName } } unreadCount } } } }`,
  },
  // Connections nested in a list: every product's seller's listings, favorites, orders and inbox with its messages
  // (an admin may read them all).
  'nested connections (admin)': {
    as: DEMO_ACCOUNTS.admin.id,
    query: `query($n: Int!) { products(first: $n) { edges { node { seller {
      listings(first: 3) { edges { node { title } } } favorites(first: 3) { edges { node { title } } }
      orders(first: 3) { edges { node { number } } }
      conversations(first: 2) { edges { node { messages(first: 3) { edges { node { body } } } } } } } } } } }`,
  },
};

console.log('starting the supergraph and loading demo data…');
const supergraph = await startTestSupergraph();
try {
  // The first signed-in request also creates the user in identity (sign-in's get-or-create); measure after it.
  for (const { as } of Object.values(QUERIES)) await supergraph.graphql('{ me { id } }', {}, { as });
  console.log(`\n${'query'.padEnd(26)} ${'n'.padStart(4)}  statements per subgraph`);
  for (const [name, { query, as }] of Object.entries(QUERIES)) {
    for (const n of [5, 50, 100]) {
      supergraph.statements.reset();
      const { body } = await supergraph.graphql(query, { n }, { as });
      if (body.errors) throw new Error(`${name}: ${body.errors[0]?.message}`);
      const counts = statementsBySchema(supergraph.statements.statements);
      const shown = Object.entries(counts).sort().map(([schema, count]) => `${schema} ${count}`).join(', ');
      console.log(`${name.padEnd(26)} ${String(n).padStart(4)}  ${shown}`);
    }
  }
} finally {
  await supergraph.close();
}
