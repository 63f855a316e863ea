// The search behaviour suite on the PostgreSQL engine (the embedded default), with the in-process search cache.
import { describeSearchBehaviour } from './search/search-behaviour.ts';

describeSearchBehaviour('PostgreSQL full-text', () => ({}));
