// The checkout suites' view of the test supergraph: the Stripe stand-in, the gateway's Stripe webhook URL, and
// requests either as a known user (`as`) or with a ready token (a Clerk id signing in for the first time).
import type { CommerceSettings } from '@threadly/commerce';
import { DEVELOPMENT_STRIPE_WEBHOOK_SECRET } from '@threadly/config';
import type { StripeStandIn } from '@threadly/stripe-stand-in';
import type { TestDatabase } from '@threadly/testing';
import { startTestSupergraph, type GraphQLResponse } from './test-supergraph.ts';

export interface CheckoutSupergraph {
  gatewayUrl: string;
  database: TestDatabase;
  standIn: StripeStandIn;
  /** The gateway's Stripe webhook URL, where the stand-in delivers. */
  stripeWebhookUrl: string;
  webhookSecret: string;
  graphql(query: string, variables?: Record<string, unknown>, options?: { as?: string; token?: string }): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export async function startCheckoutSupergraph(commerce: Partial<Pick<CommerceSettings, 'checkout' | 'sweepIntervalMs'>> = {}): Promise<CheckoutSupergraph> {
  const supergraph = await startTestSupergraph({ commerce });
  return {
    gatewayUrl: supergraph.gatewayUrl,
    database: supergraph.database,
    standIn: supergraph.standIn,
    stripeWebhookUrl: new URL('/webhooks/stripe', supergraph.gatewayUrl).toString(),
    webhookSecret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
    graphql: (query, variables = {}, { as, token } = {}) =>
      supergraph.graphql(query, variables, token ? { headers: { authorization: `Bearer ${token}` } } : { as }),
    close: () => supergraph.close(),
  };
}
