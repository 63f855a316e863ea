import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { describe, expect, it } from 'vitest';
import { CACHE_TAGS_EXTENSION, cacheTagsPlugin, type CacheTagging } from './cache-tags-plugin.ts';

const typeDefs = `
  type Query { products: [Product!]! product(id: ID!): Product }
  type Product { id: ID! title: String! seller: User! }
  type User { id: ID! name: String! }
`;
const users = { u1: { id: 'u1', name: 'Ada' }, u2: { id: 'u2', name: 'Grace' } };
const products = [
  { id: 'p1', title: 'Shirt', seller: users.u1 },
  { id: 'p2', title: 'Coat', seller: users.u1 },
  { id: 'p3', title: 'Scarf', seller: users.u2 },
];
const tagging: CacheTagging = { entityTypes: ['Product', 'User'], collections: { 'Query.products': 'Product:list' } };

async function run(query: string, maxTags?: number) {
  const server = new ApolloServer({
    typeDefs,
    resolvers: { Query: { products: () => products, product: (_: unknown, { id }: { id: string }) => products.find((p) => p.id === id) } },
    plugins: [ApolloServerPluginCacheControl({ calculateHttpHeaders: true, defaultMaxAge: 60 }), cacheTagsPlugin(tagging, maxTags)],
  });
  await server.start();
  try {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { result: response.body.singleResult, cacheControl: response.http.headers.get('cache-control') };
  } finally {
    await server.stop();
  }
}

describe('cacheTagsPlugin', () => {
  it('tags every entity the response read, whether or not the client selected its id, and the lists it read', async () => {
    const { result, cacheControl } = await run('{ products { title seller { name } } }');
    expect(result.errors).toBeUndefined();
    expect(new Set(result.extensions?.[CACHE_TAGS_EXTENSION] as string[])).toEqual(
      new Set(['Product:list', 'Product:p1', 'Product:p2', 'Product:p3', 'User:u1', 'User:u2']),
    );
    expect(cacheControl).toBe('max-age=60, public');
  });

  it('tags a single entity without its list', async () => {
    const { result } = await run('{ product(id: "p3") { title } }');
    expect(result.extensions?.[CACHE_TAGS_EXTENSION]).toEqual(['Product:p3']);
  });

  it('sends no tags and makes the response uncacheable when it read more entities than the cap', async () => {
    const { result, cacheControl } = await run('{ products { title seller { name } } }', 3);
    expect(result.data).toBeDefined();
    expect(result.extensions?.[CACHE_TAGS_EXTENSION]).toBeUndefined();
    expect(cacheControl).toBe('no-store');
  });
});
