import type { ProductCondition, ProductSearchFilter, ProductSearchSort } from '../gql/graphql.ts';

/** The shop's search and filters as they appear in the address bar, so results can be linked to and survive Back. */
export interface ListingFilters {
  q: string;
  /** A category's slug (readable in the address bar); the API wants its id. */
  category: string;
  conditions: ProductCondition[];
  size: string;
  brand: string;
  minPrice: string;
  maxPrice: string;
  sort: ProductSearchSort | '';
}

const CONDITIONS: readonly ProductCondition[] = ['NEW_WITH_TAGS', 'NEW_WITHOUT_TAGS', 'VERY_GOOD', 'GOOD', 'FAIR'];

export const SORT_LABELS: Record<ProductSearchSort, string> = {
  RELEVANCE: 'Best match',
  NEWEST: 'Newest',
  PRICE_ASC: 'Price: low to high',
  PRICE_DESC: 'Price: high to low',
};

const isSort = (value: string | null): value is ProductSearchSort => value !== null && Object.hasOwn(SORT_LABELS, value);

export const NO_FILTERS: Omit<ListingFilters, 'q' | 'sort'> = { category: '', conditions: [], size: '', brand: '', minPrice: '', maxPrice: '' };

export function filtersFromParams(params: URLSearchParams): ListingFilters {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    category: params.get('category') ?? '',
    conditions: (params.get('condition') ?? '').split(',').filter((value): value is ProductCondition => CONDITIONS.includes(value as ProductCondition)),
    size: params.get('size') ?? '',
    brand: params.get('brand') ?? '',
    minPrice: params.get('min') ?? '',
    maxPrice: params.get('max') ?? '',
    sort: isSort(sort) ? sort : '',
  };
}

export function filtersToSearch(filters: ListingFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.conditions.length) params.set('condition', filters.conditions.join(','));
  if (filters.size) params.set('size', filters.size);
  if (filters.brand) params.set('brand', filters.brand);
  if (filters.minPrice) params.set('min', filters.minPrice);
  if (filters.maxPrice) params.set('max', filters.maxPrice);
  if (filters.sort) params.set('sort', filters.sort);
  return params.size ? `?${params}` : '';
}

export const hasFilters = (filters: ListingFilters) => filtersToSearch({ ...filters, q: '', sort: '' }) !== '';

/** Euros typed by a person → the API's minor units; anything unreadable is no bound at all. */
const cents = (euros: string) => {
  const value = Number(euros.replace(',', '.'));
  return euros.trim() !== '' && Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : undefined;
};

export function searchFilterOf(filters: ListingFilters, categoryId: string | undefined): ProductSearchFilter {
  const minPrice = cents(filters.minPrice);
  const maxPrice = cents(filters.maxPrice);
  return {
    ...(categoryId ? { categoryId } : {}),
    ...(filters.conditions.length ? { conditions: filters.conditions } : {}),
    ...(filters.size ? { sizes: [filters.size] } : {}),
    ...(filters.brand ? { brands: [filters.brand] } : {}),
    ...(minPrice !== undefined ? { minPrice } : {}),
    ...(maxPrice !== undefined ? { maxPrice } : {}),
  };
}

export const CONDITION_ORDER = CONDITIONS;
