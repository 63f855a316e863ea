import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { countStatements, createPool, type StatementCounter } from '@threadly/database';
import type { CommerceSettings } from '@threadly/commerce';
import { DEVELOPMENT_STRIPE_SECRET_KEY, DEVELOPMENT_STRIPE_WEBHOOK_SECRET } from '@threadly/config';
import { startLocalSupergraph, type LocalSupergraph, type LocalSupergraphOptions } from '@threadly/local-supergraph';
import { startStripeStandIn, type StripeStandIn } from '@threadly/stripe-stand-in';
import { createLogger } from '@threadly/logger';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { findDatabaseUser, findDemoUser, type DevelopmentUser, type SqlQueryable } from '../../src/auth/development-users.ts';
import { signDevelopmentSessionToken } from '../../src/auth/dev-token.ts';
import type { PersistedOperationsOptions } from '../../src/plugins/persisted-operations-env.ts';

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  // Response shapes differ per test; each test asserts the parts it reads.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }> };
}

export interface TestSupergraph extends LocalSupergraph {
  database: TestDatabase;
  /** Every SQL statement any subgraph ran; attribute them with `statementsBySchema`. */
  statements: StatementCounter;
  /**
   * `as` is a database user id: the request carries a development Clerk session token for that user. The role comes
   * from the database; `role`, if given, only asserts it (it cannot be overridden any more).
   */
  graphql(query: string, variables?: Record<string, unknown>, options?: { as?: string; role?: string; headers?: Record<string, string> }): Promise<GraphQLResponse>;
  /** Runs a generated client document (from a client's `src/gql`), typed by its operation. */
  execute<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
    options?: { as?: string; role?: string },
  ): Promise<{ data?: Result | null; errors?: GraphQLResponse['body']['errors'] }>;
  /** The Stripe stand-in commerce uses; it delivers signed webhooks to the gateway when told to. */
  standIn: StripeStandIn;
  close(): Promise<void>;
}

export const TEST_IDENTITY_SECRET = 'integration-test-identity-secret'.padEnd(48, '-');

/**
 * The real gateway and four subgraphs in this process, on free ports, over a fresh database loaded with the demo
 * data. Requests act as a user with a Clerk session token signed by the development key, as clients do.
 */
export async function startTestSupergraph({
  production = false,
  commerce = {},
  responseCache = {},
  edge,
  clerk,
  local = {},
  persistedOperations,
  subgraphFetch,
  pooledUrl,
  loggerFor = (component) => createLogger(component, 'silent'),
}: {
  production?: boolean;
  commerce?: Partial<Pick<CommerceSettings, 'checkout' | 'sweepIntervalMs'>>;
  /**
   * The gateway's response cache, on as in production: in this process's memory by default, in Redis with
   * `redisUrl` (use a fresh `keyPrefix`); false turns it off.
   */
  responseCache?: { redisUrl?: string; keyPrefix?: string } | false;
  /** CORS and other edge settings, e.g. for a browser app on another origin (none by default). */
  edge?: LocalSupergraphOptions['edge'];
  /** How session tokens are verified; the development key and authorized parties by default. */
  clerk?: LocalSupergraphOptions['clerk'];
  /** Events on a transport of the test's own, realtime Redis, subscription limits, identity cache (subscription suites). */
  local?: Pick<LocalSupergraphOptions, 'events' | 'realtime' | 'subscriptions' | 'userCacheTtlMs' | 'identityStaleIfErrorMs'>;
  /** Trusted documents and the first-party mode; absent: any operation from anyone. */
  persistedOperations?: PersistedOperationsOptions;
  /** The gateway's timeout, retries and circuit breaker towards subgraphs, where a test needs them different. */
  subgraphFetch?: LocalSupergraphOptions['subgraphFetch'];
  /**
   * Serve through a connection pooler: the subgraphs' pool connects to `pooledUrl(database url)` (as DATABASE_URL
   * would), while migrations go straight to the database (as DATABASE_DIRECT_URL would).
   */
  pooledUrl?: (databaseUrl: string) => string;
  /** Each component's logger (the gateway, each subgraph, events); silent by default. */
  loggerFor?: LocalSupergraphOptions['loggerFor'];
} = {}): Promise<TestSupergraph> {
  const database = await createTestDatabase();
  const pooled = pooledUrl ? createPool(pooledUrl(database.url), 10) : undefined;
  const pool = pooled ?? database.pool;
  const statements = countStatements(pool);
  // Stripe's API is not reachable from here: commerce talks to the project's stand-in, on Stripe's wire format.
  const standIn = await startStripeStandIn();
  const supergraph = await startLocalSupergraph({
    pool,
    migrationPool: database.pool,
    identitySecret: TEST_IDENTITY_SECRET,
    ports: { gateway: 0, identity: 0, catalog: 0, commerce: 0, messaging: 0 },
    production,
    clerk,
    seedWhenEmpty: true,
    responseCache: responseCache === false ? undefined : responseCache,
    edge: { ...edge, persistedOperations },
    subgraphFetch,
    loggerFor,
    ...local,
    commerce: {
      stripe: { secretKey: DEVELOPMENT_STRIPE_SECRET_KEY, webhookSecret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET, apiBase: standIn.url },
      ...commerce,
    },
  });
  standIn.configureWebhook({
    url: new URL('/webhooks/stripe', supergraph.gatewayUrl).toString(),
    secret: DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
    delivery: 'manual',
  });
  const graphql: TestSupergraph['graphql'] = async (query, variables = {}, { as, role, headers = {} } = {}) => {
    const token = as ? signDevelopmentSessionToken(await userFor(database.pool, as, role)) : undefined;
    const response = await fetch(supergraph.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
  };
  return {
    ...supergraph,
    database,
    statements,
    graphql,
    async execute(document, variables, options) {
      const { body } = await graphql(print(document), variables, options);
      return body;
    },
    standIn,
    async close() {
      await supergraph.stop();
      await standIn.stop();
      await pooled?.end();
      await database.close();
    },
  };
}

/**
 * The user to sign a token for: demo users without a query (so SQL statement counts stay exact), anyone else
 * from identity's table.
 */
async function userFor(db: SqlQueryable, userId: string, role: string | undefined): Promise<DevelopmentUser> {
  const user = findDemoUser(userId) ?? (await findDatabaseUser(db, userId));
  if (!user) throw new Error(`as: ${userId} is not a user in the test database; use a demo account or create the user first.`);
  if (role && role !== user.role) {
    throw new Error(`as: ${userId} is a ${user.role} in the database, not a ${role}; roles come from the database now.`);
  }
  return user;
}

/** Statements per subgraph, by the schema their tables are qualified with (`"catalog"."Product"`). */
export function statementsBySchema(statements: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sql of statements) {
    const schema = /"(identity|catalog|commerce|messaging)"\./.exec(sql)?.[1] ?? 'other';
    counts[schema] = (counts[schema] ?? 0) + 1;
  }
  return counts;
}
