// TEMPORARY until the local supergraph takes commerce settings (see the report of issue 4, part H): this file
// starts what `startTestSupergraph` starts, with the in-process event transport, plus the Stripe stand-in and
// commerce pointed at it. Once `startTestSupergraph({ commerce })` exists, this becomes a few lines around it.
import { createCatalogSubgraph } from '@threadly/catalog';
import { createCommerceSubgraph, type CommerceSettings } from '@threadly/commerce';
import { createMemoryEventTransport } from '@threadly/events';
import { createGatewayAuthenticate, developmentClerkSessionOptions, readSupergraphSdl, signDevelopmentSessionToken, startGatewayServer } from '@threadly/gateway';
import { createIdentitySubgraph } from '@threadly/identity';
import { createLogger } from '@threadly/logger';
import { createMessagingSubgraph } from '@threadly/messaging';
import { DEVELOPMENT_STRIPE_SECRET_KEY, DEVELOPMENT_STRIPE_WEBHOOK_SECRET } from '@threadly/config';
import { startStripeStandIn, type StripeStandIn } from '@threadly/stripe-stand-in';
import { serveSubgraph, type ServedSubgraph, type SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { findDatabaseUser, findDemoUser } from '../../src/auth/development-users.ts';
import type { GraphQLResponse } from './test-supergraph.ts';
import { TEST_IDENTITY_SECRET } from './test-supergraph.ts';

export interface CheckoutSupergraph {
  gatewayUrl: string;
  database: TestDatabase;
  standIn: StripeStandIn;
  /** The gateway's Stripe webhook URL, where the stand-in delivers. */
  stripeWebhookUrl: string;
  webhookSecret: string;
  /**
   * `as`: a database user id (a development token is signed for them); `token`: a ready bearer token (e.g. for a
   * Clerk id signing in for the first time).
   */
  graphql(query: string, variables?: Record<string, unknown>, options?: { as?: string; token?: string }): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

const quiet = (component: string) => createLogger(component, 'silent');

export async function startCheckoutSupergraph(commerce: Partial<Pick<CommerceSettings, 'checkout' | 'sweepIntervalMs'>> = {}): Promise<CheckoutSupergraph> {
  const database = await createTestDatabase();
  const standIn = await startStripeStandIn();
  const { pool } = database;
  const identitySecret = TEST_IDENTITY_SECRET;
  const transport = createMemoryEventTransport();
  const servers: Array<{ definition: SubgraphDefinition; server: ServedSubgraph }> = [];
  const serve = async (definition: SubgraphDefinition) => {
    const server = await serveSubgraph(definition, {
      pool, logger: quiet(definition.name), port: 0, production: false, migrate: true, seedWhenEmpty: true, events: transport,
    });
    servers.push({ definition, server });
    return server.url;
  };
  const identity = await serve(createIdentitySubgraph({ pool, identitySecret, logger: quiet('identity') }) as SubgraphDefinition);
  const catalog = await serve(createCatalogSubgraph({ pool, identitySecret }) as SubgraphDefinition);
  const commerceUrl = await serve(
    createCommerceSubgraph({
      pool,
      identitySecret,
      catalogUrl: catalog,
      stripe: { secretKey: DEVELOPMENT_STRIPE_SECRET_KEY, webhookSecret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET, apiBase: standIn.url },
      checkout: commerce.checkout ?? { reservationMs: 15 * 60_000, shippingAmount: 495 },
      sweepIntervalMs: commerce.sweepIntervalMs ?? 30_000,
      logger: quiet('commerce'),
    }) as SubgraphDefinition,
  );
  const messaging = await serve(createMessagingSubgraph({ pool, identitySecret, catalogUrl: catalog }) as SubgraphDefinition);
  const gateway = await startGatewayServer({
    supergraphSdl: readSupergraphSdl(),
    subgraphUrls: { identity, catalog, commerce: commerceUrl, messaging },
    identitySecret,
    production: false,
    authenticate: createGatewayAuthenticate({ session: developmentClerkSessionOptions(), identityUrl: identity, identitySecret, logger: quiet('gateway') }),
    maxBodyBytes: 100_000,
    port: 0,
    logger: quiet('gateway'),
  });

  const stripeWebhookUrl = new URL('/webhooks/stripe', gateway.url).toString();
  standIn.configureWebhook({ url: stripeWebhookUrl, secret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET, delivery: 'manual' });

  const graphql: CheckoutSupergraph['graphql'] = async (query, variables = {}, { as, token } = {}) => {
    const bearer = token ?? (as ? signDevelopmentSessionToken((findDemoUser(as) ?? (await findDatabaseUser(pool, as)))!) : undefined);
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
  };

  return {
    gatewayUrl: gateway.url,
    database,
    standIn,
    stripeWebhookUrl,
    webhookSecret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
    graphql,
    async close() {
      await gateway.stop();
      for (const { definition, server } of servers.reverse()) {
        await server.stop();
        await definition.close();
      }
      await transport.close();
      await standIn.stop();
      await database.close();
    },
  };
}
