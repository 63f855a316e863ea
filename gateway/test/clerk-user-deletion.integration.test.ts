// Deleting a Clerk account, end to end: Clerk's signed user.deleted webhook, sent to the gateway's public
// /webhooks/clerk and forwarded to identity, which anonymises the user and writes `user.deleted` to its outbox in
// the same transaction; catalog consumes the event and hides their listings, so the shop behind the gateway no
// longer shows them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { CLERK_WEBHOOK_PATH } from '@threadly/identity';
import { clerkWebhookSender, deletedUserJson } from '@threadly/testing';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';

const seller = DEMO_ACCOUNTS.seller;
const SELLER_PRODUCTS = `query($sellerId: ID!) { products(first: 100, filter: { sellerId: $sellerId }) { edges { node { id } } } }`;

let supergraph: TestSupergraph;

beforeAll(async () => {
  supergraph = await startTestSupergraph();
});
afterAll(() => supergraph?.close());

const statusCounts = async () => {
  const { rows } = await supergraph.database.pool.query<{ status: string; n: number }>(
    `SELECT status::text, count(*)::int AS n FROM catalog."Product" WHERE "sellerId" = $1 GROUP BY status`,
    [seller.id],
  );
  return Object.fromEntries(rows.map(({ status, n }) => [status, n])) as Record<string, number | undefined>;
};

describe('a Clerk account deletion', () => {
  it("anonymises the seller and takes their unsold listings out of the shop; reserved and sold ones stay for orders", async () => {
    const before = await statusCounts();
    const listed = await supergraph.graphql(SELLER_PRODUCTS, { sellerId: seller.id });
    expect(listed.body.data.products.edges.length).toBe(before.ACTIVE);
    expect(before.ACTIVE).toBeGreaterThan(0);

    const { rows } = await supergraph.database.pool.query<{ clerkId: string }>(`SELECT "clerkId" FROM identity."User" WHERE id = $1`, [seller.id]);
    const send = clerkWebhookSender(new URL(CLERK_WEBHOOK_PATH, supergraph.gatewayUrl).toString());
    const delivery = await send('user.deleted', deletedUserJson(rows[0]!.clerkId));
    // Answered once identity committed; the profile is anonymised already, the listings follow through the event.
    expect(delivery).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    const profile = await supergraph.graphql('query($id: ID!) { user(id: $id) { displayName } }', { id: seller.id });
    expect(profile.body.data.user).toEqual({ displayName: 'Deleted member' });

    await vi.waitFor(async () => expect((await supergraph.graphql(SELLER_PRODUCTS, { sellerId: seller.id })).body).toEqual({ data: { products: { edges: [] } } }), {
      timeout: 10_000,
      interval: 50,
    });

    const counts = await statusCounts();
    expect(before.RESERVED! + before.SOLD!).toBeGreaterThan(0);
    expect({ DRAFT: counts.DRAFT ?? 0, ACTIVE: counts.ACTIVE ?? 0, RESERVED: counts.RESERVED, SOLD: counts.SOLD }).toEqual({
      DRAFT: 0,
      ACTIVE: 0,
      RESERVED: before.RESERVED,
      SOLD: before.SOLD,
    });
    expect(counts.ARCHIVED).toBe((before.ARCHIVED ?? 0) + (before.DRAFT ?? 0) + (before.ACTIVE ?? 0));
    // Handled once by catalog, and each archived listing announced once, from catalog's own outbox.
    const handled = await supergraph.database.pool.query(`SELECT 1 FROM catalog."ProcessedEvent" WHERE consumer = 'catalog'`);
    expect(handled.rowCount).toBe(1);
    const announced = await supergraph.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalog."OutboxEvent" WHERE type = 'product.status_changed' AND payload->>'sellerId' = $1 AND payload->>'status' = 'ARCHIVED'`,
      [seller.id],
    );
    expect(announced.rows[0]!.n).toBe((before.DRAFT ?? 0) + (before.ACTIVE ?? 0));
  });

  it('refuses a delivery with a forged signature at the gateway, changing nothing', async () => {
    const send = clerkWebhookSender(new URL(CLERK_WEBHOOK_PATH, supergraph.gatewayUrl).toString());
    const delivery = await send('user.deleted', deletedUserJson('user_demo_00'), { secret: 'whsec_' + Buffer.from('x'.repeat(32)).toString('base64') });
    expect(delivery.status).toBe(400);
    const admin = await supergraph.graphql('query($id: ID!) { user(id: $id) { displayName } }', { id: DEMO_ACCOUNTS.admin.id });
    expect(admin.body.data.user.displayName).not.toBe('Deleted member');
  });
});
