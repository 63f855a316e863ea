import { z } from 'zod';
import { assertPageSize } from '@threadly/database';
import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { Product } from '../generated/prisma/client.ts';
import type { FacetCount, SearchFacets } from '../search/search-engine.ts';
import { encodeSearchCursor, MAX_QUERY_LENGTH, toSearchRequest } from '../search/search-request.ts';
import { CategoryRef } from './category.ts';
import { ProductConditionEnum, ProductRef } from './product.ts';
import { ProductSearchFilterInput, ProductSearchSortEnum } from './product-search-filter.ts';

interface SearchEdgeShape {
  cursor: string;
  node: Product;
  highlightedTitle: string | null;
  highlightedDescription: string | null;
}

interface SearchPageShape {
  edges: SearchEdgeShape[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
  facets: SearchFacets;
}

const inherit = cacheHint(cacheTiers.inherit);

const FacetValueRef = builder.objectRef<FacetCount>('SearchFacetValue').implement({
  description: 'A facet value and how many results have it.',
  directives: inherit,
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value, as sellers wrote it.' }),
    count: t.exposeInt('count', { description: 'Results with this value.' }),
  }),
});

const CategoryFacetRef = builder.objectRef<FacetCount>('SearchCategoryFacet').implement({
  description: 'A category among the results (the listings’ own category, not its parents) and how many results are in it.',
  directives: inherit,
  fields: (t) => ({
    category: t.field({
      type: CategoryRef,
      description: 'The category.',
      resolve: async (facet, _args, ctx) => (await ctx.categories.findById(facet.value))!,
    }),
    count: t.exposeInt('count', { description: 'Results in this category.' }),
  }),
});

const ConditionFacetRef = builder.objectRef<FacetCount>('SearchConditionFacet').implement({
  description: 'A condition among the results and how many results are in it.',
  directives: inherit,
  fields: (t) => ({
    condition: t.field({ type: ProductConditionEnum, description: 'The condition.', resolve: (facet) => facet.value as Product['condition'] }),
    count: t.exposeInt('count', { description: 'Results in this condition.' }),
  }),
});

const FacetsRef = builder.objectRef<SearchFacets>('ProductSearchFacets').implement({
  description: 'Counts over every result, not only the page; most frequent first (at most 100 values each).',
  directives: inherit,
  fields: (t) => ({
    categories: t.field({ type: [CategoryFacetRef], description: 'Per category; the counts add up to totalCount.', resolve: (facets) => facets.category }),
    conditions: t.field({ type: [ConditionFacetRef], description: 'Per condition; the counts add up to totalCount.', resolve: (facets) => facets.condition }),
    sizes: t.field({ type: [FacetValueRef], description: 'Per size; listings without a size are not counted.', resolve: (facets) => facets.size }),
    brands: t.field({ type: [FacetValueRef], description: 'Per brand; listings without a brand are not counted.', resolve: (facets) => facets.brand }),
  }),
});

const SearchEdgeRef = builder.objectRef<SearchEdgeShape>('ProductSearchEdge').implement({
  description: 'A matching listing and its position in the results.',
  directives: inherit,
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Pass as `after` for the results that follow this one.' }),
    node: t.field({ type: ProductRef, description: 'The listing.', resolve: (edge) => edge.node }),
    highlightedTitle: t.exposeString('highlightedTitle', {
      nullable: true,
      description: 'The title, HTML-escaped, with the matched words in <mark>…</mark>; null when nothing in it matched.',
    }),
    highlightedDescription: t.exposeString('highlightedDescription', {
      nullable: true,
      description: 'An excerpt of the description around the matches, HTML-escaped, matches in <mark>…</mark>; null when nothing in it matched.',
    }),
  }),
});

const SearchPageRef = builder.objectRef<SearchPageShape>('ProductSearchConnection').implement({
  description: 'A page of search results, with the total and the facets of all of them.',
  directives: inherit,
  fields: (t) => ({
    edges: t.field({ type: [SearchEdgeRef], description: 'The results of this page, in order.', resolve: (page) => page.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), description: 'Whether more results follow.', resolve: (page) => page.pageInfo }),
    totalCount: t.exposeInt('totalCount', { description: 'How many listings match (every page).' }),
    facets: t.field({ type: FacetsRef, description: 'Counts per category, condition, size and brand over every result.', resolve: (page) => page.facets }),
  }),
});

builder.queryFields((t) => ({
  searchProducts: t.field({
    type: SearchPageRef,
    description:
      'Full-text search over ACTIVE listings (title, description, brand, category), tolerant of typos, with filters, ' +
      'sorting, facets and highlights. An empty query lists the shop newest first. Pages hold at most 100 results.',
    directives: cacheHint(cacheTiers.list),
    args: {
      query: t.arg.string({
        description: `Words to look for (at most ${MAX_QUERY_LENGTH} characters); empty or absent to browse.`,
        validate: z.string().trim().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).nullish(),
      }),
      filter: t.arg({ type: ProductSearchFilterInput, description: 'Narrows the results.' }),
      sort: t.arg({ type: ProductSearchSortEnum, description: 'Order of the results (RELEVANCE by default).' }),
      first: t.arg.int({ description: 'Page size, 0 to 100 (default 20).' }),
      after: t.arg.string({ description: 'The cursor of the last result already seen.' }),
    },
    resolve: async (_root, args, ctx) => {
      assertPageSize(args);
      const request = toSearchRequest({
        ...args,
        filter: args.filter && { ...args.filter, categoryId: args.filter.categoryId?.toString(), sellerId: args.filter.sellerId?.toString() },
      });
      const result = await ctx.search.search(request);
      const products = await ctx.products.loadActive(result.hits.map((hit) => hit.productId));
      const edges = result.hits.flatMap((hit, i) => {
        const node = products.get(hit.productId);
        return node ? [{ ...hit, node, cursor: encodeSearchCursor(request.offset + i) }] : [];
      });
      return {
        edges,
        pageInfo: {
          hasNextPage: request.offset + result.hits.length < result.total && result.hits.length > 0,
          hasPreviousPage: request.offset > 0,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: result.total,
        facets: result.facets,
      };
    },
  }),
}));
