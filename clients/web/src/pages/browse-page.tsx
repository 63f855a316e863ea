import { useMemo, useState } from 'react';
import { useQuery } from '../api/use-query.ts';
import { CategoriesDocument, SearchListingsDocument, type ProductSearchSort } from '../gql/graphql.ts';
import { navigate, useLocation } from '../router.tsx';
import { ListingGrid } from '../ui/listing-card.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { FilterPanel } from './filter-panel.tsx';
import { filtersFromParams, filtersToSearch, hasFilters, searchFilterOf, SORT_LABELS, type ListingFilters } from './listing-filters.ts';

const PAGE = 24;
const MAX_SHOWN = 96;

/** Home: the shop, searched and narrowed by what the address bar says; newest first until someone searches. */
export function BrowsePage() {
  const { params } = useLocation();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [shown, setShown] = useState(PAGE);
  const categories = useQuery(CategoriesDocument, {});
  const allCategories = categories.data?.categories.flatMap((category) => [category, ...category.children]);
  const category = allCategories?.find((candidate) => candidate.slug === filters.category);
  const sort: ProductSearchSort = filters.sort || (filters.q ? 'RELEVANCE' : 'NEWEST');
  const results = useQuery(
    SearchListingsDocument,
    { query: filters.q || null, filter: searchFilterOf(filters, category?.id), sort, first: shown },
    // A category named by slug is looked up first, so the first answer is already the narrowed one.
    { skip: filters.category !== '' && !categories.data },
  );
  const search = results.data?.searchProducts;
  const apply = (next: ListingFilters) => {
    setShown(PAGE);
    navigate(`/${filtersToSearch(next)}`);
  };
  const heading = filters.q ? `Results for “${filters.q}”` : (category?.name ?? (hasFilters(filters) ? 'Matching listings' : 'Fresh finds'));

  return (
    <div className="browse-layout">
      <aside>
        <FilterPanel filters={filters} categories={categories.data?.categories} facets={search?.facets} onApply={apply} />
      </aside>
      <section aria-label="Listings">
        <div className="section-heading">
          <div>
            <h1>{heading}</h1>
            {search && <span className="muted" data-testid="result-count">{search.totalCount === 1 ? '1 item' : `${search.totalCount} items`}</span>}
          </div>
          <label className="sort">
            <span>Sort by</span>
            <select aria-label="Sort by" value={sort} onChange={(event) => apply({ ...filters, sort: event.target.value as ProductSearchSort })}>
              {Object.entries(SORT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {results.error && !search ? (
          <ErrorState error={results.error} retry={results.refetch} />
        ) : !search ? (
          <LoadingState label="Finding listings…" />
        ) : search.edges.length === 0 ? (
          <EmptyState title={filters.q ? `Nothing found for “${filters.q}”` : 'Nothing matches these filters'}>
            <p>Try other words, another size or brand, a wider price range, or clear the filters.</p>
          </EmptyState>
        ) : (
          <div className={results.loading ? 'refreshing' : undefined}>
            <ListingGrid
              listings={search.edges}
              onChange={(next) =>
                results.update((data) => ({
                  searchProducts: { ...data.searchProducts, edges: data.searchProducts.edges.map((edge) => (edge.node.id === next.id ? { ...edge, node: next } : edge)) },
                }))
              }
            />
            {search.pageInfo.hasNextPage && shown < MAX_SHOWN && (
              <div className="show-more">
                <button type="button" className="button secondary" disabled={results.loading} onClick={() => setShown((count) => count + PAGE)}>
                  {results.loading ? 'Loading…' : 'Show more'}
                </button>
              </div>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
