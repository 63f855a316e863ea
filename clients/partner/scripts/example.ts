// `npx tsx clients/partner/scripts/example.ts --key thr_live_…` runs a partner integration's calls against a gateway
// (default http://localhost:4000/graphql, `--url` for another): its manifest operations by hash, then one query of
// its own, which the gateway refuses with PERSISTED_QUERY_NOT_ALLOWED. Issue a key with
// `DATABASE_URL=… npm run --silent partner-key -- create acme-resale | tail -1`.
import { parseArgs } from 'node:util';
import { createPartnerClient } from '../src/partner-client.ts';
import { runPartnerExample } from '../src/partner-example.ts';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:4000/graphql' }, key: { type: 'string' } } });
if (!values.key) {
  console.error('--key is required: a partner API key (npm run partner-key -- create <partnerId>)');
  process.exit(1);
}
try {
  const report = await runPartnerExample(createPartnerClient({ url: values.url, apiKey: values.key }));
  console.log(`${report.categories} top-level categories; the busiest, ${report.category.slug}, lists ${report.category.productCount}`);
  console.log(`first page: ${report.category.listingsOnFirstPage} listings${report.category.hasNextPage ? ', more to page through' : ''}`);
  console.log(`listing ${report.listing.id}: "${report.listing.title}" (${report.listing.status})`);
  console.log(`a query of our own: HTTP ${report.offManifest.status} ${report.offManifest.code} — ${report.offManifest.message}`);
} catch (error) {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  console.error(cause ? `Could not reach ${values.url} (${cause.code ?? cause.message}): is the gateway running (npm start)?` : (error as Error).message);
  process.exit(1);
}
