import { domainError } from '@threadly/errors';

/**
 * What a client sees when a subgraph cannot answer (down, timed out, 5xx, circuit open): a stable code and the
 * subgraph's name, never the address, the socket error or a stack. The gateway puts it beside whatever the other
 * subgraphs answered, with `null` for the fields this one would have given.
 */
export const subgraphUnavailable = (subgraph: string) =>
  domainError('SUBGRAPH_UNAVAILABLE', `The ${subgraph} service is unavailable right now; the fields it provides are null. Try again shortly.`, {
    subgraph,
  });
