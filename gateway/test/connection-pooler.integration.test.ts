// The subgraphs behind a transaction-mode connection pooler (a throwaway PgBouncer on a spare port in front of the
// machine's PostgreSQL), as DATABASE_URL would point at one in production, with migrations on the direct
// connection (DATABASE_DIRECT_URL). First what breaks behind such a pooler — session state, which the migration
// runner relies on — then a real flow through the gateway: writes, reads and the events between subgraphs.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEVELOPMENT_STRIPE_WEBHOOK_SECRET } from '@threadly/config';
import { createTestDatabase, serverUnavailableReason, startThrowawayPgBouncer, testEnv, type TestDatabase, type ThrowawayPgBouncer } from '@threadly/testing';
import { buyer, fillCart, newActiveListing, payAndDeliver, productStatus, SHIPPING_ADDRESS } from './support/checkout-fixtures.ts';
import type { CheckoutSupergraph } from './support/checkout-supergraph.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';

const skip = serverUnavailableReason('postgres');
let bouncer: ThrowawayPgBouncer;

beforeAll(async () => {
  if (!skip) bouncer = await startThrowawayPgBouncer({ serverUrl: testEnv().DATABASE_URL!, poolSize: 3 });
}, 60_000);
afterAll(async () => {
  await bouncer?.stop();
});

/** Two separate client connections to `url`, as two replicas (or two requests of one) would hold. */
async function twoClients(url: string) {
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })] as const;
  await Promise.all(clients.map((client) => client.connect()));
  return { clients, end: () => Promise.all(clients.map((client) => client.end())) };
}

describe.skipIf(skip)('behind a transaction-mode pooler, session state does not hold (why migrations need DATABASE_DIRECT_URL)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("a session advisory lock — the migration runner's guard against two replicas migrating at once — excludes no one", async () => {
    const pooled = await twoClients(bouncer.pooledUrl(database.url));
    const direct = await twoClients(database.url);
    try {
      const tryLock = (client: pg.Client) => client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', ['threadly:migrate:demo']).then(({ rows }) => rows[0]!.locked);
      // Direct: the second session is refused while the first holds the lock.
      expect(await tryLock(direct.clients[0])).toBe(true);
      expect(await tryLock(direct.clients[1])).toBe(false);
      await direct.clients[0].query('SELECT pg_advisory_unlock_all()');
      // Through the pooler both "get" it: the lock belongs to a server session that the pooler lends to whoever
      // runs the next transaction, so the second replica is let in as if it were the first.
      expect(await tryLock(pooled.clients[0])).toBe(true);
      expect(await tryLock(pooled.clients[1])).toBe(true);
      await pooled.clients[0].query('SELECT pg_advisory_unlock_all()');
    } finally {
      await Promise.all([pooled.end(), direct.end()]);
    }
  });

  it("a session SET (the runner's search_path) leaks into another client's transactions", async () => {
    const pooled = await twoClients(bouncer.pooledUrl(database.url));
    try {
      await pooled.clients[0].query('SET search_path TO catalog');
      const { rows } = await pooled.clients[1].query<{ search_path: string }>('SHOW search_path');
      // Another client now resolves unqualified names in a subgraph's schema it never asked for.
      expect(rows[0]!.search_path).toBe('catalog');
      await pooled.clients[1].query('RESET search_path');
    } finally {
      await pooled.end();
    }
  });
});

describe.skipIf(skip)('the gateway and subgraphs with DATABASE_URL at PgBouncer (transaction mode)', () => {
  let supergraph: TestSupergraph;
  let view: CheckoutSupergraph;
  beforeAll(async () => {
    supergraph = await startTestSupergraph({ pooledUrl: (url) => bouncer.pooledUrl(url) });
    view = {
      ...supergraph,
      stripeWebhookUrl: new URL('/webhooks/stripe', supergraph.gatewayUrl).toString(),
      webhookSecret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
      graphql: (query, variables, options) => supergraph.graphql(query, variables, { as: options?.as }),
    };
  }, 180_000);
  afterAll(async () => {
    await supergraph?.close();
  });

  it('migrated every subgraph through the direct connection, each into its own schema', async () => {
    const { rows } = await supergraph.database.pool.query<{ schema: string; applied: string }>(
      `SELECT table_schema AS schema, count(*)::text AS applied FROM information_schema.tables WHERE table_name = '_prisma_migrations' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((row) => row.schema)).toEqual(['catalog', 'commerce', 'identity', 'messaging']);
  });

  it('creates, reads and sells a listing: writes, reads and the events between subgraphs all through the pooler', async () => {
    const productId = await newActiveListing(view);
    expect(await productStatus(view, productId)).toBe('ACTIVE');
    await fillCart(view, { as: buyer.id }, [productId]);
    const placed = await supergraph.graphql('mutation($input: CheckoutInput!) { checkout(input: $input) { paymentIntentId orders { id } } }', { input: { shippingAddress: SHIPPING_ADDRESS } }, { as: buyer.id });
    expect(placed.body.errors).toBeUndefined();
    // The ACTIVE read above is in the gateway's response cache until catalog's product.reserved event purges it.
    await vi.waitFor(async () => {
      await supergraph.settleEvents();
      expect(await productStatus(view, productId)).toBe('RESERVED');
    }, { timeout: 10_000, interval: 100 });
    // order.paid travels from commerce's outbox to catalog's consumer, which marks the listing SOLD.
    await payAndDeliver(view, placed.body.data.checkout.paymentIntentId);
    await vi.waitFor(async () => {
      await supergraph.settleEvents();
      expect(await productStatus(view, productId)).toBe('SOLD');
    }, { timeout: 10_000, interval: 100 });

    // And it really went through PgBouncer: its admin console counts the test database's transactions.
    const admin = new pg.Client({ connectionString: bouncer.pooledUrl(testEnv().DATABASE_URL!).replace(/\/[^/?]*(\?|$)/, '/pgbouncer$1') });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ database: string; total_xact_count: string }>('SHOW STATS');
      const name = new URL(supergraph.database.url).pathname.slice(1);
      expect(Number(rows.find((row) => row.database === name)?.total_xact_count ?? 0)).toBeGreaterThan(50);
    } finally {
      await admin.end();
    }
  });
});
