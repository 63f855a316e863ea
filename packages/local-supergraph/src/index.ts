export { startLocalSupergraph, type LocalReplica, type LocalSupergraph, type LocalSupergraphOptions } from './start-local-supergraph.ts';
