import { PartnerCategoriesDocument, PartnerListingDetailDocument, PartnerListingsByCategoryDocument, PartnerSearchDocument } from './gql/graphql.ts';
import type { PartnerClient, PartnerResponse } from './partner-client.ts';

export interface PartnerExampleReport {
  categories: number;
  /** The busiest top-level category, and what its first page held. */
  category: { slug: string; productCount: number; listingsOnFirstPage: number; hasNextPage: boolean };
  listing: { id: string; title: string; status: string };
  /** A full-text search for that listing's title: how many matched, and whether the listing was among the first page. */
  search: { query: string; totalCount: number; foundListing: boolean };
  /** What the gateway answered to a query sent as text, which a partner key may not run. */
  offManifest: { status: number; code: string | undefined; message: string | undefined };
}

function dataOf<Result>(step: string, response: PartnerResponse<Result>): Result {
  if (response.errors?.length || !response.data) {
    const error = response.errors?.[0];
    throw new Error(`${step}: ${error?.extensions?.code ?? `HTTP ${response.status}`} — ${error?.message ?? 'no data'}`);
  }
  return response.data;
}

/**
 * What a partner integration does: map the category tree, read a category's listings page by page, check one
 * listing, search for it by its title — each by hash — and, to show the boundary, try an operation of its own making, which is refused.
 */
export async function runPartnerExample(client: PartnerClient): Promise<PartnerExampleReport> {
  const { categories } = dataOf('PartnerCategories', await client.run(PartnerCategoriesDocument));
  const busiest = [...categories].sort((a, b) => b.productCount - a.productCount)[0];
  if (!busiest) throw new Error('PartnerCategories: the catalog has no categories');
  const { products } = dataOf('PartnerListingsByCategory', await client.run(PartnerListingsByCategoryDocument, { categorySlug: busiest.slug, first: 10 }));
  const first = products.edges[0]?.node;
  if (!first) throw new Error(`PartnerListingsByCategory: ${busiest.slug} has no listings`);
  const { product } = dataOf('PartnerListingDetail', await client.run(PartnerListingDetailDocument, { id: first.id }));
  const { searchProducts } = dataOf('PartnerSearch', await client.run(PartnerSearchDocument, { query: product.title, first: 20 }));
  const refused = await client.send({ query: '{ products(first: 100) { edges { node { id title seller { id displayName } } } } }' });
  return {
    categories: categories.length,
    category: { slug: busiest.slug, productCount: busiest.productCount, listingsOnFirstPage: products.edges.length, hasNextPage: products.pageInfo.hasNextPage },
    listing: { id: product.id, title: product.title, status: product.status },
    search: { query: product.title, totalCount: searchProducts.totalCount, foundListing: searchProducts.edges.some((edge) => edge.node.id === product.id) },
    offManifest: { status: refused.status, code: refused.errors?.[0]?.extensions?.code, message: refused.errors?.[0]?.message },
  };
}
