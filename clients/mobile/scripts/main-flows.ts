// `npx tsx clients/mobile/scripts/main-flows.ts --token "$(npm run --silent token -- buyer@demo.threadly.dev | tail -1)"`
// runs the mobile app's main flows against a gateway (default http://localhost:4000/graphql, `--url` for another)
// with the app's generated documents, sent by hash. It changes data as the app would: a message to a seller, and
// an order (the signed-in user's cart is emptied first). See clients/mobile/src/main-flows.ts.
import { parseArgs } from 'node:util';
import { runMainFlows } from '../src/main-flows.ts';
import { createPersistedClient } from '../src/persisted-client.ts';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:4000/graphql' }, token: { type: 'string' } } });
if (!values.token) {
  console.error('--token is required: a session token, e.g. from `npm run --silent token -- buyer@demo.threadly.dev | tail -1`');
  process.exit(1);
}
try {
  const report = await runMainFlows(createPersistedClient({ url: values.url, token: values.token }));
  console.log(`signed in as ${report.viewer.displayName} (${report.viewer.id})`);
  console.log(`browsed ${report.browsed.categories} categories and ${report.browsed.listings} listings; opened "${report.listing.title}"`);
  console.log(`favorited it (${report.favorite.favoritedCount} favorites) and took it back (${report.favorite.unfavoritedCount})`);
  console.log(`conversation ${report.conversation.id}: ${report.conversation.messages.length} messages, ${report.conversation.unreadAfterReading} unread`);
  console.log(`order ${report.order.number}: ${report.order.status}, ${report.order.total} (minor units) for ${report.order.items.join(', ')}`);
} catch (error) {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  console.error(cause ? `Could not reach ${values.url} (${cause.code ?? cause.message}): is the gateway running (npm start)?` : (error as Error).message);
  process.exit(1);
}
