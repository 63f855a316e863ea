import type { SearchCache } from '../search/search-cache.ts';
import type { SearchEngine, SearchRequest, SearchResult } from '../search/search-engine.ts';

/** Listing search: the engine behind the search cache. One per subgraph (it holds no request state). */
export class SearchService {
  constructor(
    private readonly engine: SearchEngine,
    private readonly cache: SearchCache,
  ) {}

  async search(request: SearchRequest): Promise<SearchResult> {
    const { result } = await this.cache.getOrCompute(request, () => this.engine.search(request));
    return result;
  }
}
