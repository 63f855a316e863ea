import type { ProductCondition, ProductFilter } from '../gql/graphql.ts';

/** The shop's filters as they appear in the address bar, so results can be linked to and survive Back. */
export interface ListingFilters {
  q: string;
  category: string;
  conditions: ProductCondition[];
  size: string;
  brand: string;
  minPrice: string;
  maxPrice: string;
}

const CONDITIONS: readonly ProductCondition[] = ['NEW_WITH_TAGS', 'NEW_WITHOUT_TAGS', 'VERY_GOOD', 'GOOD', 'FAIR'];

export function filtersFromParams(params: URLSearchParams): ListingFilters {
  return {
    q: params.get('q') ?? '',
    category: params.get('category') ?? '',
    conditions: (params.get('condition') ?? '').split(',').filter((value): value is ProductCondition => CONDITIONS.includes(value as ProductCondition)),
    size: params.get('size') ?? '',
    brand: params.get('brand') ?? '',
    minPrice: params.get('min') ?? '',
    maxPrice: params.get('max') ?? '',
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
  return params.size ? `?${params}` : '';
}

/** Euros typed by a person → the API's minor units; anything unreadable is no bound at all. */
const cents = (euros: string) => {
  const value = Number(euros.replace(',', '.'));
  return euros.trim() !== '' && Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : undefined;
};

export function productFilterOf(filters: ListingFilters): ProductFilter {
  return {
    ...(filters.category ? { categorySlug: filters.category } : {}),
    ...(filters.conditions.length ? { conditions: filters.conditions } : {}),
    ...(filters.size ? { size: filters.size } : {}),
    ...(filters.brand ? { brand: filters.brand } : {}),
    ...(cents(filters.minPrice) !== undefined ? { minPrice: cents(filters.minPrice) } : {}),
    ...(cents(filters.maxPrice) !== undefined ? { maxPrice: cents(filters.maxPrice) } : {}),
  };
}

export const CONDITION_ORDER = CONDITIONS;
export const COMMON_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
