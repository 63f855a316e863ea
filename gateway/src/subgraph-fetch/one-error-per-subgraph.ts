/** The part of an error (a GraphQLError or its formatted JSON) that says which subgraph could not answer. */
interface ErrorWithExtensions {
  message: string;
  extensions?: { code?: unknown; subgraph?: unknown } | Readonly<Record<string, unknown>>;
}

/**
 * One SUBGRAPH_UNAVAILABLE per missing subgraph. A query plan may fetch from the same subgraph several times (a
 * user's listings, then each order item's product, then each conversation's product), and @apollo/gateway reports
 * every failed fetch; a client asked which parts are missing, not how the plan was shaped. The first error of each
 * subgraph stays, in its place; every other error is kept as it is.
 */
export function oneErrorPerSubgraph<Error extends ErrorWithExtensions>(errors: readonly Error[]): Error[] {
  const seen = new Set<unknown>();
  return errors.filter(({ extensions }) => {
    if (extensions?.code !== 'SUBGRAPH_UNAVAILABLE') return true;
    if (seen.has(extensions.subgraph)) return false;
    seen.add(extensions.subgraph);
    return true;
  });
}
