// Operation limits through a real gateway (in front of no subgraphs: every limit rejects before planning), and the
// check that everything the mobile app sends fits inside the defaults.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, getIntrospectionQuery, Kind, parse, print, validate, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mobile from '@threadly/mobile-client';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules } from '../src/edge/operation-limits.ts';
import type { GatewayServer } from '../src/index.ts';
import { postGraphQL, rawRequest, startStandaloneGateway } from './support/standalone-gateway.ts';

/** `{ me { listings { edges { node { seller { listings … } } } } } }` cut to exactly `depth` levels, ending in __typename. */
function queryOfDepth(depth: number) {
  const cycle = ['seller', 'listings(first: 1)', 'edges', 'node'];
  const fields = ['me', ...Array.from({ length: depth - 2 }, (_, i) => cycle[(i + 1) % cycle.length])];
  return `{ ${fields.map((field) => `${field} {`).join(' ')} __typename ${'}'.repeat(fields.length)} }`;
}

const aliasedRootFields = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `c${i}: categories { id }`).join(' ')} }`;

let gateway: GatewayServer;

beforeAll(async () => {
  gateway = await startStandaloneGateway();
});
afterAll(() => gateway?.stop());

/** A refusal every client sees the same way: 400, one error naming the limit and its value. */
async function expectRefused(query: string, message: string, code = 'GRAPHQL_VALIDATION_FAILED') {
  const { status, json } = await postGraphQL(gateway.url, query);
  expect(json.errors.map((error: { message: string }) => error.message)).toEqual([message]);
  expect(json.errors[0].extensions.code).toBe(code);
  expect(status).toBe(400);
}

/** Passes every limit: the gateway plans it and gets as far as calling a subgraph (which is not there). */
async function expectAccepted(query: string) {
  const { status, json } = await postGraphQL(gateway.url, query);
  expect(status).toBe(200);
  expect(json.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
}

describe('operation limits (defaults)', () => {
  it('depth: 12 levels pass, 13 are refused', async () => {
    await expectAccepted(queryOfDepth(12));
    await expectRefused(queryOfDepth(13), 'Query depth limit of 12 exceeded, found 13.');
  });

  it('aliases: 15 pass, 16 are refused', async () => {
    const aliases = (count: number) => `{ categories { ${Array.from({ length: count }, (_, i) => `a${i}: id`).join(' ')} } }`;
    await expectAccepted(aliases(15));
    await expectRefused(aliases(16), 'Aliases limit of 15 exceeded, found 16.');
  });

  it('root fields: 10 pass, 11 are refused, also when hidden in fragments', async () => {
    await expectAccepted(aliasedRootFields(10));
    await expectRefused(aliasedRootFields(11), 'Root fields limit of 10 exceeded, found 11.');
    await expectRefused(`{ ...F ... on Query { z: me { id } } } fragment F on Query { ${aliasedRootFields(10).slice(1, -1)} }`, 'Root fields limit of 10 exceeded, found 11.');
  });

  it('directives: 50 pass, 51 are refused', async () => {
    const directives = (count: number) => `{ categories { ${'... @include(if: true) { id } '.repeat(count)} } }`;
    await expectAccepted(directives(50));
    await expectRefused(directives(51), 'Directives limit of 50 exceeded, found 51.');
  });

  it('tokens: a document over 2000 tokens is refused while parsing', async () => {
    // 16 tokens of query around a list of enum values, one token each.
    const tokens = (count: number) => `{ products(filter: { conditions: [${' GOOD'.repeat(count - 16)} ] }) { __typename } }`;
    await expectAccepted(tokens(2000));
    await expectRefused(tokens(2001), 'Token limit of 2000 exceeded.', 'GRAPHQL_PARSE_FAILED');
  });
});

describe('batching', () => {
  it('is off: a JSON array of operations is refused with 400', async () => {
    const { status, json } = await rawRequest(gateway.url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([expect.objectContaining({ message: 'Operation batching disabled.', extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })]);
  });
});

describe('development tools', () => {
  it('still introspect: the full introspection query passes every limit', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const { status, json } = await postGraphQL(gateway.url, query);
    expect(status).toBe(200);
    expect(json.data.__schema.types.length).toBeGreaterThan(20);
  });
});

describe("the mobile app's operations", () => {
  const apiSchema = buildSchema(readFileSync(resolve(import.meta.dirname, '../../clients/schema.graphql'), 'utf8'));
  const documents = Object.entries(mobile).filter((entry): entry is [string, DocumentNode] => (entry[1] as DocumentNode)?.kind === Kind.DOCUMENT);

  it('are all inside the default limits', () => {
    expect(documents.length).toBeGreaterThan(10);
    for (const [name, document] of documents) {
      expect(validate(apiSchema, document, operationLimitRules(DEFAULT_OPERATION_LIMITS)), name).toEqual([]);
      expect(() => parse(print(document), { maxTokens: DEFAULT_OPERATION_LIMITS.tokens }), name).not.toThrow();
    }
  });
});
