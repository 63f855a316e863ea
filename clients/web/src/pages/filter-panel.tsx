import { useEffect, useState, type FormEvent } from 'react';
import type { CategoriesQuery } from '../gql/graphql.ts';
import { CONDITION_LABELS } from '../ui/format.ts';
import { CONDITION_ORDER, NO_FILTERS, type ListingFilters } from './listing-filters.ts';

export interface FacetValue {
  value: string;
  count: number;
}

/** The most common values among the current results, one click to narrow to one of them. */
function FacetChips({ label, values, onPick }: { label: string; values: FacetValue[] | undefined; onPick(value: string): void }) {
  if (!values?.length) return null;
  return (
    <div className="facet-chips" aria-label={label}>
      {values.slice(0, 6).map((facet) => (
        <button key={facet.value} type="button" className="chip" onClick={() => onPick(facet.value)}>
          {facet.value} <span>{facet.count}</span>
        </button>
      ))}
    </div>
  );
}

/** The shop's filter column: category, condition, size, brand and price. Applying navigates, so Back undoes it. */
export function FilterPanel({
  filters,
  categories,
  facets,
  onApply,
}: {
  filters: ListingFilters;
  categories: CategoriesQuery['categories'] | undefined;
  facets: { sizes: FacetValue[]; brands: FacetValue[] } | undefined;
  onApply(next: ListingFilters): void;
}) {
  const [draft, setDraft] = useState(filters);
  useEffect(() => {
    setDraft(filters);
  }, [filters]);
  const set = <Key extends keyof ListingFilters>(key: Key, value: ListingFilters[Key]) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const toggleCondition = (condition: ListingFilters['conditions'][number], on: boolean) => {
    const next = on ? [...draft.conditions, condition] : draft.conditions.filter((value) => value !== condition);
    const applied = { ...draft, conditions: CONDITION_ORDER.filter((value) => next.includes(value)) };
    setDraft(applied);
    onApply(applied);
  };
  return (
    <form className="filter-panel" aria-label="Filters" onSubmit={submit}>
      <div className="filter-group">
        <label htmlFor="filter-category">Category</label>
        <select
          id="filter-category"
          value={draft.category}
          onChange={(event) => {
            const applied = { ...draft, category: event.target.value };
            setDraft(applied);
            onApply(applied);
          }}
        >
          <option value="">All categories</option>
          {categories?.map((category) => (
            <optgroup key={category.id} label={category.name}>
              <option value={category.slug}>All {category.name.toLowerCase()} ({category.productCount})</option>
              {category.children.map((child) => (
                <option key={child.id} value={child.slug}>
                  {child.name} ({child.productCount})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <fieldset className="filter-group">
        <legend>Condition</legend>
        {CONDITION_ORDER.map((condition) => (
          <label key={condition} className="checkbox">
            <input type="checkbox" checked={draft.conditions.includes(condition)} onChange={(event) => toggleCondition(condition, event.target.checked)} />
            {CONDITION_LABELS[condition]}
          </label>
        ))}
      </fieldset>
      <div className="filter-group">
        <label htmlFor="filter-size">Size</label>
        <input id="filter-size" placeholder="Any size" value={draft.size} onChange={(event) => set('size', event.target.value)} />
        {!filters.size && <FacetChips label="Common sizes" values={facets?.sizes} onPick={(size) => onApply({ ...draft, size })} />}
      </div>
      <div className="filter-group">
        <label htmlFor="filter-brand">Brand</label>
        <input id="filter-brand" placeholder="Any brand" value={draft.brand} onChange={(event) => set('brand', event.target.value)} />
        {!filters.brand && <FacetChips label="Common brands" values={facets?.brands} onPick={(brand) => onApply({ ...draft, brand })} />}
      </div>
      <div className="filter-group">
        <span className="filter-label">Price (€)</span>
        <div className="price-range">
          <input aria-label="Minimum price" inputMode="decimal" placeholder="Min" value={draft.minPrice} onChange={(event) => set('minPrice', event.target.value)} />
          <span aria-hidden="true">–</span>
          <input aria-label="Maximum price" inputMode="decimal" placeholder="Max" value={draft.maxPrice} onChange={(event) => set('maxPrice', event.target.value)} />
        </div>
      </div>
      <div className="filter-actions">
        <button type="submit" className="button primary small">Apply filters</button>
        <button type="button" className="button ghost small" onClick={() => onApply({ ...filters, ...NO_FILTERS })}>
          Clear
        </button>
      </div>
    </form>
  );
}
