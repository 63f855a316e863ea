import { notFound } from '@threadly/errors';
import { appendToOutbox, type OutboxSignal } from '@threadly/events';
import { IDENTITY_DB_SCHEMA, type IdentityPrisma } from '../database.ts';
import { Prisma, type User } from '../generated/prisma/client.ts';
import type { IdentityLoaders } from '../loaders/index.ts';
import { userUpdatedEvents } from '../events/user-events.ts';

const USER = Prisma.raw(`"${IDENTITY_DB_SCHEMA}"."User"`);

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
    private readonly outbox: OutboxSignal,
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
   * the optional fields are cleared by null and left alone when absent. A real change is announced as
   * `user.updated` (naming the changed fields), committed with it.
   */
  async updateProfile(userId: string, changes: ProfileChanges): Promise<User> {
    await this.getById(userId);
    const { displayName, ...optional } = changes;
    const data = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
    const { user, announced } = await this.prisma.$transaction(async (tx) => {
      // Locked first, so `before` is what this write changes and the event names exactly the fields it changed.
      await tx.$queryRaw`SELECT 1 FROM ${USER} WHERE id = ${userId}::uuid FOR UPDATE`;
      const before = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      const updated = await tx.user.update({ where: { id: userId }, data: { ...data, ...(displayName ? { displayName } : {}) } });
      const events = userUpdatedEvents(userId, before, updated);
      await appendToOutbox(tx, events);
      return { user: updated, announced: events.length > 0 };
    });
    if (announced) this.outbox.poke();
    this.loaders.userById.clear(userId).prime(userId, user);
    return user;
  }
}
