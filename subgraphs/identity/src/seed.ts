import type { DemoData } from '@threadly/demo-data';
import type { IdentityPrisma } from './database.ts';

/** Inserts the demo users; rows that already exist are left as they are, so running it twice changes nothing. */
export async function seedIdentity(prisma: IdentityPrisma, data: DemoData): Promise<{ rows: number }> {
  const { count } = await prisma.user.createMany({ data: data.users, skipDuplicates: true });
  return { rows: count };
}

export const identityHasData = async (prisma: IdentityPrisma) => (await prisma.user.count()) > 0;
