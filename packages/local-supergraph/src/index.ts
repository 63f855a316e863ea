export { startLocalSupergraph, type LocalSupergraph, type LocalSupergraphOptions } from './start-local-supergraph.ts';
