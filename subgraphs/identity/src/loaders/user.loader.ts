import { createByIdLoader } from '@threadly/database';
import type { IdentityPrisma } from '../database.ts';

export const createUserByIdLoader = (prisma: IdentityPrisma) =>
  createByIdLoader((ids) => prisma.user.findMany({ where: { id: { in: ids } } }));
