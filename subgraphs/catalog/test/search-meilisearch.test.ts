// The search behaviour suite on Meilisearch. It needs a running server (MEILI_HOST, e.g. the docker-compose
// stack's), which cannot be installed on the project's CI machines; without one the suite is skipped and says why.
import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { describeSearchBehaviour } from './search/search-behaviour.ts';

const host = process.env.MEILI_HOST;
if (host) {
  describeSearchBehaviour(`Meilisearch at ${host}`, () => ({ meilisearch: { host, apiKey: process.env.MEILI_API_KEY, indexUid: `test_products_${randomUUID().slice(0, 8)}` } }));
} else {
  console.warn('search-meilisearch: SKIPPED — MEILI_HOST is not set (Meilisearch cannot be installed here; `docker compose up meilisearch` provides one).');
  describe.skip('searchProducts on Meilisearch (skipped: MEILI_HOST is not set)', () => {
    it('runs the search behaviour suite against a real Meilisearch', () => undefined);
  });
}
