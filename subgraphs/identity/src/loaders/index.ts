import type { IdentityPrisma } from '../database.ts';
import { createUserByIdLoader } from './user.loader.ts';

/** Created per request, so a cached row never outlives the request that loaded it. */
export const createIdentityLoaders = (prisma: IdentityPrisma) => ({
  userById: createUserByIdLoader(prisma),
});

export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
