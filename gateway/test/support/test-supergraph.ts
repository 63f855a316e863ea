import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { countStatements, type StatementCounter } from '@threadly/database';
import { startLocalSupergraph, type LocalSupergraph } from '@threadly/local-supergraph';
import { createLogger } from '@threadly/logger';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';

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
  graphql(query: string, variables?: Record<string, unknown>, options?: { as?: string; role?: string; headers?: Record<string, string> }): Promise<GraphQLResponse>;
  /** Runs a generated client document (from a client's `src/gql`), typed by its operation. */
  execute<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
    options?: { as?: string; role?: string },
  ): Promise<{ data?: Result | null; errors?: GraphQLResponse['body']['errors'] }>;
  close(): Promise<void>;
}

export const TEST_IDENTITY_SECRET = 'integration-test-identity-secret'.padEnd(48, '-');

/**
 * The real gateway and four subgraphs in this process, on free ports, over a fresh database loaded with the demo
 * data. Requests act as a user through the development impersonation header.
 */
export async function startTestSupergraph({ production = false } = {}): Promise<TestSupergraph> {
  const database = await createTestDatabase();
  const statements = countStatements(database.pool);
  const supergraph = await startLocalSupergraph({
    pool: database.pool,
    identitySecret: TEST_IDENTITY_SECRET,
    ports: { gateway: 0, identity: 0, catalog: 0, commerce: 0, messaging: 0 },
    production,
    devImpersonation: !production,
    seedWhenEmpty: true,
    loggerFor: (component) => createLogger(component, 'silent'),
  });
  const graphql: TestSupergraph['graphql'] = async (query, variables = {}, { as, role, headers = {} } = {}) => {
    const response = await fetch(supergraph.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(as ? { 'x-dev-user-id': as } : {}),
        ...(role ? { 'x-dev-user-role': role } : {}),
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
    async close() {
      await supergraph.stop();
      await database.close();
    },
  };
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
