// What the search commands (scripts/search-reindex.ts, scripts/search-check.ts) and bench/search.ts use.
export { checkSearchConsistency, hasDrift, type SearchDrift } from './search/consistency-check.ts';
export { createProgressBar } from './search/progress-bar.ts';
export { openSearchForCommand, type SearchCommandContext } from './search/search-command.ts';
