import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogProductDirectory } from '../src/services/catalog-client.ts';

const sellerId = randomUUID();
const active = randomUUID();
const draft = randomUUID();
const slow = randomUUID();
const broken = randomUUID();

/** Answers like catalog's `_entities` would, plus a slow and a failing product. */
function fakeCatalog(): Server {
  return createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(raw) as { query: string; variables: { r: Array<{ __typename: string; id: string }> } };
      const id = variables.r[0]?.id;
      const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (!query.includes('_entities') || variables.r[0]?.__typename !== 'Product') return send({ errors: [{ message: 'unexpected query' }] });
      if (id === slow) return void setTimeout(() => send({ data: { _entities: [null] } }), 500);
      if (id === broken) return send({ errors: [{ message: 'database is down' }], data: null });
      if (id === active) return send({ data: { _entities: [{ seller: { id: sellerId }, status: 'ACTIVE' }] } });
      if (id === draft) return send({ data: { _entities: [{ seller: { id: sellerId }, status: 'DRAFT' }] } });
      return send({ data: { _entities: [null] } });
    });
  });
}

describe('catalog product directory', () => {
  const server = fakeCatalog();
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("returns the product's seller from an _entities query, and null for unknown and draft products", async () => {
    const directory = createCatalogProductDirectory(url);
    expect(await directory.sellerOf(active)).toBe(sellerId);
    expect(await directory.sellerOf(randomUUID())).toBeNull();
    expect(await directory.sellerOf(draft)).toBeNull();
  });

  it('fails with SUBGRAPH_UNAVAILABLE on a timeout, an error answer or no server', async () => {
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(() => 'resolved', (error: unknown) => (error instanceof GraphQLError ? error.extensions.code : String(error)));
    await expect(codeOf(createCatalogProductDirectory(url, 100).sellerOf(slow))).resolves.toBe('SUBGRAPH_UNAVAILABLE');
    await expect(createCatalogProductDirectory(url, 100).sellerOf(slow)).rejects.toThrow(/within 100 ms/);
    await expect(codeOf(createCatalogProductDirectory(url).sellerOf(broken))).resolves.toBe('SUBGRAPH_UNAVAILABLE');
    await expect(codeOf(createCatalogProductDirectory('http://127.0.0.1:9/graphql').sellerOf(active))).resolves.toBe('SUBGRAPH_UNAVAILABLE');
  });
});
