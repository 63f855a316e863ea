import { readFileSync } from 'node:fs';

/** Where `npm run compose` writes the composed supergraph the gateway serves. */
export const SUPERGRAPH_PATH = new URL('../supergraph.graphql', import.meta.url);

export const readSupergraphSdl = () => readFileSync(SUPERGRAPH_PATH, 'utf8');
