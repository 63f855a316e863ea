import { useMemo } from 'react';
import { useQuery } from '../api/use-query.ts';
import { BrowseListingsDocument, CategoriesDocument } from '../gql/graphql.ts';
import { navigate, useLocation } from '../router.tsx';
import { ListingGrid } from '../ui/listing-card.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { FilterPanel } from './filter-panel.tsx';
import { filtersFromParams, filtersToSearch, productFilterOf } from './listing-filters.ts';

/** Home: the shop's newest listings, narrowed by the filters in the address bar. */
export function BrowsePage() {
  const { params } = useLocation();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const categories = useQuery(CategoriesDocument, {});
  const listings = useQuery(BrowseListingsDocument, { filter: productFilterOf(filters), first: 24 });
  const edges = listings.data?.products.edges ?? [];
  const categoryName = categories.data?.categories.flatMap((category) => [category, ...category.children]).find((category) => category.slug === filters.category)?.name;

  return (
    <div className="browse-layout">
      <aside>
        <FilterPanel filters={filters} categories={categories.data?.categories} onApply={(next) => navigate(`/${filtersToSearch(next)}`)} />
      </aside>
      <section aria-label="Listings">
        <div className="section-heading">
          <h1>{filters.q ? `Results for “${filters.q}”` : (categoryName ?? (filtersToSearch(filters) ? 'Matching listings' : 'Fresh finds'))}</h1>
          {listings.data && <span className="muted">{edges.length === 24 ? '24+ items' : `${edges.length} ${edges.length === 1 ? 'item' : 'items'}`}</span>}
        </div>
        {listings.error && !listings.data ? (
          <ErrorState error={listings.error} retry={listings.refetch} />
        ) : !listings.data ? (
          <LoadingState label="Finding listings…" />
        ) : edges.length === 0 ? (
          <EmptyState title="Nothing matches these filters">
            <p>Try another size or brand, widen the price range, or clear the filters.</p>
          </EmptyState>
        ) : (
          <div className={listings.loading ? 'refreshing' : undefined}>
            <ListingGrid
              listings={edges.map((edge) => edge.node)}
              onChange={(next) =>
                listings.update((data) => ({ ...data, products: { ...data.products, edges: data.products.edges.map((edge) => (edge.node.id === next.id ? { ...edge, node: next } : edge)) } }))
              }
            />
          </div>
        )}
      </section>
    </div>
  );
}
