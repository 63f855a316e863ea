// Creates a Prisma Migrate folder for one subgraph without the schema-engine binary (which cannot be downloaded
// offline): the WASM schema engine diffs the schema against its previous version, as `prisma migrate dev` would.
// Usage: npm run migration:create -- <subgraph> <name> [--from <git-rev>|--from-empty]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { resolveDatabase } from '@threadly/database';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffResult, DiffTarget } from '@prisma/schema-engine-wasm/schema_engine_bg';

const subgraphs = ['identity', 'catalog', 'commerce', 'messaging'];
const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
const positional = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--from');
const [subgraph, rawName] = positional;
const fromIndex = args.indexOf('--from');
const fromRev = fromIndex >= 0 ? args[fromIndex + 1] : undefined;
if (!subgraph || !subgraphs.includes(subgraph) || !rawName || positional.length > 2 || (fromIndex >= 0 && !fromRev)) {
  fail(`usage: npm run migration:create -- <${subgraphs.join('|')}> <name> [--from <git-rev>|--from-empty]`);
}
// Same shape `prisma migrate dev --name` produces: the name becomes part of a folder name.
const name = rawName.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
if (!name) fail(`Migration name "${rawName}" has no letters or digits.`);

const schemaPath = `subgraphs/${subgraph}/prisma/schema.prisma`;
const migrationsDir = join(root, `subgraphs/${subgraph}/prisma/migrations`);
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((entry) => /^\d{14}_/.test(entry));
const target = readFileSync(join(root, schemaPath), 'utf8');

// "Empty" is a datamodel with only the datasource, not the engine's `{ tag: 'empty' }`: the latter has no
// namespaces at all, so its script starts with `CREATE SCHEMA IF NOT EXISTS "public"`. `migrate dev` diffs
// against a shadow database whose schema already exists and never emits that; neither should we, since each
// subgraph's migrations run with search_path set to the subgraph's own schema. Tables are never qualified.
const emptyDatamodel = 'datasource db {\n  provider = "postgresql"\n}\n';
let from: DiffTarget;
let fromLabel = 'an empty database';
if (args.includes('--from-empty') || (!hasMigrations && !fromRev)) {
  from = { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: emptyDatamodel }] };
} else {
  // The committed schema is what the existing migrations produce (assuming they were created by this script).
  const rev = fromRev ?? 'HEAD';
  fromLabel = `${schemaPath} at ${rev}`;
  let previous: string;
  try {
    previous = execFileSync('git', ['show', `${rev}:${schemaPath}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    fail(`Could not read ${schemaPath} at ${rev}: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`);
  }
  from = { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: previous }] };
}

// Node cannot import .wasm as an ES module, so do by hand what schema_engine.js does for bundlers.
// (@types/node 20 does not declare the WebAssembly global and the tsconfig has no DOM lib.)
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: Record<string, unknown> } }>;
};
const require = createRequire(import.meta.url);
const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  './schema_engine_bg.js': bindings,
});
bindings.__wbg_set_wasm(instance.exports);
(instance.exports.__wbindgen_start as () => void)();

// SchemaEngine.new connects and runs one query (server version, whether "public" exists) even though the diff
// below reads no database. So any reachable PostgreSQL will do: DATABASE_URL, else a throwaway embedded PGlite.
const database = await resolveDatabase({ url: process.env.DATABASE_URL, poolSize: 1 });
let result: DiffResult;
try {
  const log = (line: string) => {
    if (!/"level":"(INFO|DEBUG|TRACE)"/.test(line)) console.error(line);
  };
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, target]] },
    log,
    bindMigrationAwareSqlAdapterFactory(new PrismaPg(database.pool)),
  );
  result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: target }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  engine.free();
} finally {
  await database.close();
}

// With `script: true` the SQL comes back as `stdout`; no change yields only "-- This is an empty migration.".
const sql = result.stdout ?? '';
if (sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'))) {
  console.log(`${subgraph}: no changes from ${fromLabel}; no migration written.`);
  process.exit(0);
}

const timestamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${timestamp}_${name}`);
if (existsSync(dir)) fail(`${relative(root, dir)} already exists`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
writeFileSync(
  join(migrationsDir, 'migration_lock.toml'),
  '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
);
console.log(`${subgraph}: wrote ${relative(root, join(dir, 'migration.sql'))}`);
