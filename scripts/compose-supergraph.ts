// `npm run compose`: subgraph SDL files → gateway/supergraph.graphql and the client-facing API schema
// clients/schema.graphql (after `schema:print` refreshed the subgraph SDL).
import { writeFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '../gateway/src/supergraph-sdl.ts';
import { API_SCHEMA_PATH, apiSchemaOf, composeSupergraph, readSupergraphConfig } from './lib/supergraph-config.ts';

const subgraphs = readSupergraphConfig();
const result = composeSupergraph(subgraphs);
if (!result.ok) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`  - ${error}`);
  console.error('Fix the subgraph schemas above, then run `npm run compose` again.');
  process.exit(1);
}
writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
writeFileSync(API_SCHEMA_PATH, apiSchemaOf(result.supergraphSdl));
console.log(`Composed ${subgraphs.map((s) => s.name).join(', ')} → gateway/supergraph.graphql, clients/schema.graphql`);
