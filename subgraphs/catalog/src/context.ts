import type { SubgraphRequest } from '@threadly/subgraph-runtime';
import { readViewer } from '@threadly/subgraph-runtime';
import type { OutboxSignal } from '@threadly/events';
import type { Viewer } from '@threadly/identity-headers';
import type { CatalogPrisma } from './database.ts';
import { createCatalogLoaders, type CatalogLoaders } from './loaders/index.ts';
import { CategoryService } from './services/category.service.ts';
import { FavoriteService } from './services/favorite.service.ts';
import { ListingService } from './services/listing.service.ts';
import { ProductService } from './services/product.service.ts';
import type { SearchService } from './services/search.service.ts';

export interface CatalogContext {
  requestId: string;
  /** Who is asking, as the gateway signed it; null when anonymous. */
  viewer: Viewer | null;
  loaders: CatalogLoaders;
  categories: CategoryService;
  products: ProductService;
  listings: ListingService;
  favorites: FavoriteService;
  search: SearchService;
}

/** One factory for every transport (HTTP today, WebSocket later): identity, loaders and services per request. */
export function createCatalogContextFactory(prisma: CatalogPrisma, identitySecret: string, outbox: OutboxSignal, search: SearchService) {
  return async ({ headers, requestId }: SubgraphRequest): Promise<CatalogContext> => {
    const viewer = readViewer(headers, identitySecret);
    const loaders = createCatalogLoaders(prisma, viewer?.userId ?? null);
    const categories = new CategoryService(prisma, loaders);
    const products = new ProductService(prisma, loaders, categories, viewer);
    return {
      requestId,
      viewer,
      loaders,
      categories,
      products,
      listings: new ListingService(prisma, loaders, categories, products, outbox),
      favorites: new FavoriteService(prisma, loaders, products),
      search,
    };
  };
}
