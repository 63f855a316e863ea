// `npm run search:check`: compares catalog's search index with the database and reports drift; exits 1 when
// they disagree (so it can run as a scheduled job that alerts). `npm run reindex` repairs it.
import { checkSearchConsistency, hasDrift, openSearchForCommand } from '@threadly/catalog/search-commands';

const search = await openSearchForCommand();
try {
  console.log(`Checking: ${search.description}`);
  const drift = await checkSearchConsistency(search.engine, search.source);
  const sample = (ids: string[]) => (ids.length > 0 ? ` (e.g. ${ids.slice(0, 5).join(', ')})` : '');
  console.log(`ACTIVE listings: ${drift.expected}; indexed: ${drift.indexed}`);
  console.log(`missing from the index: ${drift.missing.length}${sample(drift.missing)}`);
  console.log(`indexed but not for sale: ${drift.extra.length}${sample(drift.extra)}`);
  console.log(`indexed from an older version: ${drift.stale.length}${sample(drift.stale)}`);
  console.log(hasDrift(drift) ? 'DRIFT: run `npm run reindex` to rebuild the index.' : 'In sync.');
  process.exitCode = hasDrift(drift) ? 1 : 0;
} finally {
  await search.close();
}
