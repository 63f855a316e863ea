// `npm run router:manifest`: the clients' persisted-operation manifests → docs/router/persisted-query-manifest.json,
// the safelist Apollo Router loads (docs/router/router.yaml). Run after `npm run codegen`; a test fails when stale.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROUTER_MANIFEST_PATH, routerManifestOf } from './lib/router-manifest.ts';

const root = resolve(import.meta.dirname, '..');
const manifest = routerManifestOf(root);
writeFileSync(resolve(root, ROUTER_MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${manifest.operations.length} operations → ${ROUTER_MANIFEST_PATH}`);
