// The mobile and partner clients' own scripts against the real gateway in safelist mode: the mobile app's main flows
// and a partner integration run on nothing but their generated documents sent by hash, and the partner's query of
// its own making is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { runMainFlows } from '../../clients/mobile/src/main-flows.ts';
import { createPersistedClient } from '../../clients/mobile/src/persisted-client.ts';
import { createPartnerClient } from '../../clients/partner/src/partner-client.ts';
import { runPartnerExample } from '../../clients/partner/src/partner-example.ts';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import { issuePartnerKey } from './support/partner-key-script.ts';
import { persistedOperationsFor } from './support/persisted-operations.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';

let supergraph: TestSupergraph;
let apiKey = '';

beforeAll(async () => {
  supergraph = await startTestSupergraph({ persistedOperations: persistedOperationsFor('safelist') });
  apiKey = await issuePartnerKey(supergraph.database.url, ['example-partner']);
}, 180_000);
afterAll(async () => {
  await supergraph?.close();
});

describe('clients/mobile: the main flows, by hash, against a safelisting gateway', () => {
  it('signs in, browses, opens and favorites a listing, messages its seller and buys it', async () => {
    const token = signDevelopmentSessionToken(findDemoUser(DEMO_ACCOUNTS.buyer.id)!);
    const report = await runMainFlows(createPersistedClient({ url: supergraph.gatewayUrl, token }));

    expect(report.viewer.id).toBe(DEMO_ACCOUNTS.buyer.id);
    expect(report.browsed).toEqual({ categories: expect.any(Number), listings: 20 });
    expect(report.browsed.categories).toBeGreaterThan(0);
    expect(report.listing.sellerId).not.toBe(DEMO_ACCOUNTS.buyer.id);
    expect(report.favorite.favoritedCount).toBe(report.favorite.unfavoritedCount + 1);
    expect(report.conversation.messages).toEqual(expect.arrayContaining([`Is “${report.listing.title}” still available?`, 'I can pick it up this week.']));
    expect(report.conversation.unreadAfterReading).toBe(0);
    expect(report.order).toMatchObject({ status: 'PENDING_PAYMENT', items: [report.listing.title] });

    const { rows } = await supergraph.database.pool.query(`SELECT status FROM catalog."Product" WHERE id = $1`, [report.listing.id]);
    expect(rows[0]?.status).toBe('RESERVED');
  });

  it('is anonymous without a token, and says so at the first step', async () => {
    await expect(runMainFlows(createPersistedClient({ url: supergraph.gatewayUrl }))).rejects.toThrow(/^MyDashboard: not signed in/);
  });
});

describe('clients/partner: the example integration, with a partner API key', () => {
  it('reads categories, a page of listings and one listing by hash; its own query is refused with PERSISTED_QUERY_NOT_ALLOWED', async () => {
    const report = await runPartnerExample(createPartnerClient({ url: supergraph.gatewayUrl, apiKey }));

    expect(report.categories).toBeGreaterThan(0);
    expect(report.category.listingsOnFirstPage).toBe(Math.min(10, report.category.productCount));
    expect(report.listing.status).toBe('ACTIVE');
    // Searching by the listing's own title finds it on the first page (an exact title match ranks first).
    expect(report.search.totalCount).toBeGreaterThan(0);
    expect(report.search.foundListing).toBe(true);
    expect(report.offManifest).toEqual({
      status: 403,
      code: 'PERSISTED_QUERY_NOT_ALLOWED',
      message: 'Partner API keys run operations of the partner manifest by id: send extensions.persistedQuery.sha256Hash instead of a query.',
    });
  });
});
