// `npm run schema:print`: writes each subgraph's SDL, produced from its Pothos code, to subgraphs/<name>/schema.graphql.
import { writeFileSync } from 'node:fs';
import { subgraphSdlFromCode } from './lib/subgraph-schemas.ts';

for (const { name, file, sdl } of subgraphSdlFromCode()) {
  writeFileSync(file, sdl);
  console.log(`${name}: ${sdl.split('\n').length} lines → subgraphs/${name}/schema.graphql`);
}
