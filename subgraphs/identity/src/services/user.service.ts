import { notFound } from '@threadly/errors';
import type { IdentityPrisma } from '../database.ts';
import type { User } from '../generated/prisma/client.ts';
import type { IdentityLoaders } from '../loaders/index.ts';

export interface ProfileChanges {
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  bio?: string | null;
  location?: string | null;
  imageUrl?: string | null;
}

/** Reads and changes user records. */
export class UserService {
  constructor(
    private readonly prisma: IdentityPrisma,
    private readonly loaders: IdentityLoaders,
  ) {}

  /** The user, or NOT_FOUND. */
  async getById(id: string): Promise<User> {
    const user = await this.loaders.userById.load(id);
    if (!user) throw notFound('User', id);
    return user;
  }

  findById(id: string): Promise<User | null> {
    return this.loaders.userById.load(id);
  }

  /**
   * Applies the given changes to the user's own profile. `displayName` cannot be cleared (null is ignored);
   * the optional fields are cleared by null and left alone when absent.
   */
  async updateProfile(userId: string, changes: ProfileChanges): Promise<User> {
    await this.getById(userId);
    const { displayName, ...optional } = changes;
    const data = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
    const user = await this.prisma.user.update({
      where: { id: userId },
      data: { ...data, ...(displayName ? { displayName } : {}) },
    });
    this.loaders.userById.clear(userId).prime(userId, user);
    return user;
  }
}
