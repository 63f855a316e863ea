// `npm run reindex [-- --batch-size N]`: rebuilds catalog's search index from the database, in batches, while
// searches continue (see subgraphs/catalog/src/search/*-engine.ts `rebuild` for what "swap" means per engine).
import { createProgressBar, openSearchForCommand } from '@threadly/catalog/search-commands';

const sizeIndex = process.argv.indexOf('--batch-size');
const batchSize = sizeIndex >= 0 ? Number(process.argv[sizeIndex + 1]) : 500;
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error('usage: npm run reindex -- [--batch-size 1..10000]');
  process.exit(1);
}

const search = await openSearchForCommand();
try {
  console.log(`Reindexing: ${search.description}`);
  const bar = createProgressBar('indexing');
  const started = performance.now();
  const { indexed } = await search.engine.rebuild({ batchSize, onProgress: bar.update });
  bar.finish();
  const seconds = (performance.now() - started) / 1000;
  console.log(`Indexed ${indexed} listings in ${seconds.toFixed(1)} s (${Math.round(indexed / Math.max(seconds, 0.001))} listings/s).`);
} finally {
  await search.close();
}
