// Generates each subgraph's Prisma client (src/generated/prisma) in parallel.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const subgraphs = ['identity', 'catalog', 'commerce', 'messaging'];
const prisma = join(root, 'node_modules/.bin/prisma');
// The CLI insists on a schema-engine binary at start and cannot download one offline; `generate` never runs it.
// CHECKPOINT_DISABLE: the Prisma CLI otherwise reports usage to Prisma's servers; nothing here talks to third parties.
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: join(root, 'scripts/prisma-schema-engine-stub.sh'), CHECKPOINT_DISABLE: '1' };

interface Result { subgraph: string; code: number | null; output: string; seconds: number }

function generate(subgraph: string): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(prisma, ['generate', '--schema', `subgraphs/${subgraph}/prisma/schema.prisma`], { cwd: root, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = (code: number | null) => resolve({ subgraph, code, output, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => { output += String(error); done(null); });
    child.on('close', done);
  });
}

const results = await Promise.all(
  subgraphs.map(async (subgraph) => {
    const result = await generate(subgraph);
    console.log(`prisma client: ${subgraph} ${result.code === 0 ? '✓' : '✗'} (${result.seconds.toFixed(1)}s)`);
    return result;
  }),
);

const failed = results.filter((result) => result.code !== 0);
for (const { subgraph, code, output } of failed) {
  const tail = output.trimEnd().split('\n').slice(-20).join('\n');
  console.error(`\nprisma generate failed for ${subgraph} (exit ${code ?? 'spawn error'}):\n${tail}`);
}
if (failed.length > 0) process.exit(1);
