import { Meilisearch, type Index, type IndexSwap, type MultiSearchParams } from 'meilisearch';
import type { CatalogPrisma } from '../database.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, toHighlightHtml } from './highlight.ts';
import { buildMeilisearchFilter, buildMeilisearchSort, quoteFilterValue } from './meilisearch-filter.ts';
import { MEILISEARCH_FACETS, meilisearchSettings } from './meilisearch-settings.ts';
import { SearchDocumentSource } from './search-document-source.ts';
import { toMeilisearchDocument, type MeilisearchDocument } from './search-documents.ts';
import type { FacetCount, IndexedVersion, IndexWrite, RebuildProgress, SearchEngine, SearchFacets, SearchRequest, SearchResult } from './search-engine.ts';

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** The live index (default `products`); rebuilds swap a fresh one into this name. */
  indexUid?: string;
}

const facetCounts = (distribution: Record<string, number> | undefined): FacetCount[] =>
  Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));

/**
 * Meilisearch, for production. Every write waits for its task: the indexer clears cached searches only after the
 * index answers with the change, and a rebuild swaps only a complete index.
 */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly indexUid: string;
  private readonly source: SearchDocumentSource;

  constructor(prisma: CatalogPrisma, options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    this.indexUid = options.indexUid ?? 'products';
    this.source = new SearchDocumentSource(prisma);
  }

  private index(uid = this.indexUid): Index<MeilisearchDocument> {
    return this.client.index<MeilisearchDocument>(uid);
  }

  private prepared?: Promise<void>;

  /** Once per process (again after a failure): the live index exists with the current settings. */
  prepare(): Promise<void> {
    this.prepared ??= this.prepareIndex(this.indexUid).catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  private async prepareIndex(uid: string): Promise<void> {
    const exists = await this.client.getRawIndex(uid).then(() => true, () => false);
    if (!exists) await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask();
    await this.index(uid).updateSettings(meilisearchSettings).waitTask();
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    await this.prepare();
    const filter = buildMeilisearchFilter(request.filter);
    // Two queries in one round trip: the page (offset/limit), and the exact total with the facets (page mode
    // counts exhaustively, where offset/limit only estimates).
    const { results } = await this.client.multiSearch<MultiSearchParams, MeilisearchDocument>({
      queries: [
        {
          indexUid: this.indexUid,
          q: request.query,
          // Every word must match, as in PostgreSQL (Meilisearch's default drops trailing words to find something).
          matchingStrategy: 'all',
          filter,
          sort: buildMeilisearchSort(request.sort, request.query),
          offset: request.offset,
          limit: request.limit,
          attributesToRetrieve: ['id'],
          attributesToHighlight: ['title', 'description'],
          attributesToCrop: ['description'],
          cropLength: 24,
          highlightPreTag: HIGHLIGHT_START,
          highlightPostTag: HIGHLIGHT_END,
        },
        { indexUid: this.indexUid, q: request.query, matchingStrategy: 'all', filter, page: 1, hitsPerPage: 0, facets: Object.values(MEILISEARCH_FACETS) },
      ],
    });
    const [page, counts] = results;
    const distribution = counts?.facetDistribution ?? {};
    const facets = Object.fromEntries(
      Object.entries(MEILISEARCH_FACETS).map(([facet, attribute]) => [facet, facetCounts(distribution[attribute])]),
    ) as unknown as SearchFacets;
    return {
      hits: (page?.hits ?? []).map((hit) => ({
        productId: hit.id,
        highlightedTitle: toHighlightHtml(hit._formatted?.title),
        highlightedDescription: toHighlightHtml(hit._formatted?.description),
      })),
      total: counts?.totalHits ?? 0,
      facets,
    };
  }

  async sync(productIds: string[]): Promise<IndexWrite> {
    if (productIds.length === 0) return { categoryIds: [] };
    await this.prepare();
    const filter = `id IN [${productIds.map(quoteFilterValue).join(', ')}]`;
    const before = await this.index().getDocuments({ filter, fields: ['id', 'categoryIds'], limit: productIds.length });
    const documents = (await this.source.byIds(productIds)).map(toMeilisearchDocument);
    const gone = productIds.filter((id) => !documents.some((document) => document.id === id));
    if (documents.length > 0) await this.index().addDocuments(documents).waitTask();
    if (gone.length > 0) await this.index().deleteDocuments(gone).waitTask();
    const paths = [...before.results, ...documents].flatMap((document) => document.categoryIds ?? []);
    return { categoryIds: [...new Set(paths)] };
  }

  /**
   * Builds `<index>_rebuild_<time>` from the database in batches, swaps it with the live index in one atomic
   * Meilisearch task and deletes the old one. Changes made while it was building are then synced again (a
   * listing sold mid-rebuild may have been copied while still ACTIVE).
   */
  async rebuild({ batchSize, onProgress }: { batchSize: number; onProgress?: (progress: RebuildProgress) => void }) {
    const startedAt = new Date();
    const fresh = `${this.indexUid}_rebuild_${startedAt.getTime()}`;
    await this.prepare();
    await this.prepareIndex(fresh);
    const total = await this.source.count();
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const ids = await this.source.activeIdsAfter(after, batchSize);
      if (ids.length === 0) break;
      const documents = (await this.source.byIds(ids)).map(toMeilisearchDocument);
      await this.index(fresh).addDocuments(documents).waitTask();
      done += ids.length;
      after = ids.at(-1)!;
      onProgress?.({ done, total: Math.max(total, done) });
    }
    // `rename` is left out (not false): servers before it existed refuse unknown fields, and absent means a swap.
    await this.client.swapIndexes([{ indexes: [this.indexUid, fresh] } as IndexSwap]).waitTask();
    await this.client.deleteIndex(fresh).waitTask();
    await this.sync(await this.source.changedSince(new Date(startedAt.getTime() - 1_000)));
    return { indexed: done };
  }

  async *indexedVersions(): AsyncIterable<IndexedVersion[]> {
    await this.prepare();
    const limit = 1_000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.index().getDocuments({ fields: ['id', 'sourceUpdatedAt'], offset, limit });
      if (page.results.length === 0) return;
      yield page.results.map((document) => ({ productId: document.id, sourceUpdatedAt: new Date(document.sourceUpdatedAt) }));
      if (page.results.length < limit) return;
    }
  }

  async close(): Promise<void> {}
}
