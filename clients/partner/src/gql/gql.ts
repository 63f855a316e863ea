/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query PartnerCategories {\n  categories {\n    id\n    slug\n    name\n    productCount\n    children {\n      id\n      slug\n      name\n      productCount\n    }\n  }\n}\n\nquery PartnerListingsByCategory($categorySlug: String!, $first: Int = 50, $after: String) {\n  products(first: $first, after: $after, filter: {categorySlug: $categorySlug}) {\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearch($query: String!, $filter: ProductSearchFilter, $sort: ProductSearchSort, $first: Int = 50, $after: String) {\n  searchProducts(\n    query: $query\n    filter: $filter\n    sort: $sort\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerListingDetail($id: ID!) {\n  product(id: $id) {\n    ...PartnerListing\n    description\n    status\n  }\n}\n\nfragment PartnerListing on Product {\n  id\n  title\n  price {\n    amount\n    currency\n  }\n  brand\n  size\n  condition\n  color\n  images {\n    url\n    alt\n  }\n  category {\n    slug\n    name\n  }\n  createdAt\n}": typeof types.PartnerCategoriesDocument,
};
const documents: Documents = {
    "query PartnerCategories {\n  categories {\n    id\n    slug\n    name\n    productCount\n    children {\n      id\n      slug\n      name\n      productCount\n    }\n  }\n}\n\nquery PartnerListingsByCategory($categorySlug: String!, $first: Int = 50, $after: String) {\n  products(first: $first, after: $after, filter: {categorySlug: $categorySlug}) {\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearch($query: String!, $filter: ProductSearchFilter, $sort: ProductSearchSort, $first: Int = 50, $after: String) {\n  searchProducts(\n    query: $query\n    filter: $filter\n    sort: $sort\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerListingDetail($id: ID!) {\n  product(id: $id) {\n    ...PartnerListing\n    description\n    status\n  }\n}\n\nfragment PartnerListing on Product {\n  id\n  title\n  price {\n    amount\n    currency\n  }\n  brand\n  size\n  condition\n  color\n  images {\n    url\n    alt\n  }\n  category {\n    slug\n    name\n  }\n  createdAt\n}": types.PartnerCategoriesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PartnerCategories {\n  categories {\n    id\n    slug\n    name\n    productCount\n    children {\n      id\n      slug\n      name\n      productCount\n    }\n  }\n}\n\nquery PartnerListingsByCategory($categorySlug: String!, $first: Int = 50, $after: String) {\n  products(first: $first, after: $after, filter: {categorySlug: $categorySlug}) {\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearch($query: String!, $filter: ProductSearchFilter, $sort: ProductSearchSort, $first: Int = 50, $after: String) {\n  searchProducts(\n    query: $query\n    filter: $filter\n    sort: $sort\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerListingDetail($id: ID!) {\n  product(id: $id) {\n    ...PartnerListing\n    description\n    status\n  }\n}\n\nfragment PartnerListing on Product {\n  id\n  title\n  price {\n    amount\n    currency\n  }\n  brand\n  size\n  condition\n  color\n  images {\n    url\n    alt\n  }\n  category {\n    slug\n    name\n  }\n  createdAt\n}"): (typeof documents)["query PartnerCategories {\n  categories {\n    id\n    slug\n    name\n    productCount\n    children {\n      id\n      slug\n      name\n      productCount\n    }\n  }\n}\n\nquery PartnerListingsByCategory($categorySlug: String!, $first: Int = 50, $after: String) {\n  products(first: $first, after: $after, filter: {categorySlug: $categorySlug}) {\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearch($query: String!, $filter: ProductSearchFilter, $sort: ProductSearchSort, $first: Int = 50, $after: String) {\n  searchProducts(\n    query: $query\n    filter: $filter\n    sort: $sort\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerListing\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerListingDetail($id: ID!) {\n  product(id: $id) {\n    ...PartnerListing\n    description\n    status\n  }\n}\n\nfragment PartnerListing on Product {\n  id\n  title\n  price {\n    amount\n    currency\n  }\n  brand\n  size\n  condition\n  color\n  images {\n    url\n    alt\n  }\n  category {\n    slug\n    name\n  }\n  createdAt\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;