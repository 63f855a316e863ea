import type { CatalogPrisma } from '../database.ts';
import { createCategoryByIdLoader, createCategoryChildrenLoader, createCategoryProductCountLoader } from './category.loader.ts';
import { createFavoriteCountLoader, createFavoritedByViewerLoader, createFavoritesByUserLoader } from './favorite.loader.ts';
import { createListingsBySellerLoader, createProductByIdLoader, createProductImagesLoader } from './product.loader.ts';

/**
 * Created per request, so a cached row never outlives the request that loaded it. `viewerId` scopes the
 * "did I favorite this" loader to the signed-in user.
 */
export const createCatalogLoaders = (prisma: CatalogPrisma, viewerId: string | null) => ({
  categoryById: createCategoryByIdLoader(prisma),
  categoryChildren: createCategoryChildrenLoader(prisma),
  categoryProductCount: createCategoryProductCountLoader(prisma),
  productById: createProductByIdLoader(prisma),
  productImages: createProductImagesLoader(prisma),
  listingsBySeller: createListingsBySellerLoader(prisma),
  favoriteCount: createFavoriteCountLoader(prisma),
  favoritedByViewer: createFavoritedByViewerLoader(prisma, viewerId),
  favoritesByUser: createFavoritesByUserLoader(prisma),
});

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;
