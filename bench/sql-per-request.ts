// SQL statements each subgraph runs for one client request, at several list lengths: the N+1 check as numbers.
// Usage: DATABASE_URL=postgres://… npx tsx bench/sql-per-request.ts   (without DATABASE_URL: embedded PGlite)
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { startTestSupergraph, statementsBySchema } from '../gateway/test/support/test-supergraph.ts';

const QUERIES = {
  'products (listing page)': `query($n: Int!) { products(first: $n) { edges { node {
      title seller { displayName } category { name } favoritesCount isFavorited images { url alt } price { amount } } } } }`,
  'myOrders (buyer)': `query($n: Int!) { myOrders(first: $n) { edges { node {
      number status total { amount } items { title product { title seller { displayName } } } seller { displayName } timeline { status } } } } }`,
  'myConversations': `query($n: Int!) { myConversations(first: $n) { edges { node {
      product { title images { url } } participants { displayName } lastMessage { body sender { displayName } } unreadCount } } } }`,
};

console.log('starting the supergraph and loading demo data…');
const supergraph = await startTestSupergraph();
try {
  // The first signed-in request also creates the user in identity (sign-in's get-or-create); measure after it.
  await supergraph.graphql('{ me { id } }', {}, { as: DEMO_ACCOUNTS.buyer.id });
  console.log(`\n${'query'.padEnd(26)} ${'n'.padStart(4)}  statements per subgraph`);
  for (const [name, query] of Object.entries(QUERIES)) {
    for (const n of [5, 50, 100]) {
      supergraph.statements.reset();
      const { body } = await supergraph.graphql(query, { n }, { as: DEMO_ACCOUNTS.buyer.id });
      if (body.errors) throw new Error(`${name}: ${body.errors[0]?.message}`);
      const counts = statementsBySchema(supergraph.statements.statements);
      const shown = Object.entries(counts).sort().map(([schema, count]) => `${schema} ${count}`).join(', ');
      console.log(`${name.padEnd(26)} ${String(n).padStart(4)}  ${shown}`);
    }
  }
} finally {
  await supergraph.close();
}
