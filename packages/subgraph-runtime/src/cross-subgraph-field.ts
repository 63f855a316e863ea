/**
 * Options for a field whose value another subgraph resolves: an entity owned elsewhere (a listing's seller, an
 * order item's product) or a field added to another subgraph's entity (a user's listings).
 *
 * Such a field is nullable because the gateway cannot get it while its subgraph is down: it answers with the rest
 * and one SUBGRAPH_UNAVAILABLE error. Were the field non-null, GraphQL would null its parent instead, and so on up
 * to the nearest nullable field — for a shop page, the whole `data`. Keys and a subgraph's own fields keep their
 * non-null types. See README "Failure handling".
 */

/** What each subgraph is to someone reading the schema. */
const partOfThreadly = {
  identity: 'profiles (identity)',
  catalog: 'listings (catalog)',
  commerce: 'orders (commerce)',
  messaging: 'messages (messaging)',
} as const;

/** A subgraph that owns data others reference. */
export type OwningSubgraph = keyof typeof partOfThreadly;

const whenUnavailable = (description: string, owner: OwningSubgraph, subject: string) =>
  `${description} ${subject} when the part of Threadly that holds ${partOfThreadly[owner]} is unavailable.`;

/** A field of an entity `owner` resolves: null while `owner` is down. */
export function crossSubgraphField(description: string, owner: OwningSubgraph) {
  return { nullable: true, description: whenUnavailable(description, owner, 'Null') } as const;
}

/** A list this subgraph holds whose items `owner` resolves: the list is always there, an item is null while `owner` is down. */
export function crossSubgraphItems(description: string, owner: OwningSubgraph) {
  return { nullable: { list: false, items: true }, description: whenUnavailable(description, owner, 'An item is null') } as const;
}
