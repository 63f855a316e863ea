import { randomUUID } from 'node:crypto';
import { IDENTITY_DB_SCHEMA, type IdentityPrisma } from '../database.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Role } from '../generated/prisma/enums.ts';
import { DELETED_MEMBER_NAME, deletedEmail, displayNameOf, NEW_MEMBER_NAME, placeholderEmail, type ClerkProfile } from './clerk-profile.ts';

/** The client itself or an interactive transaction: the webhook applies a change and records it atomically. */
export type IdentityDb = IdentityPrisma | Prisma.TransactionClient;

/** Who a Clerk account is in this graph: the database id everything downstream uses, never the Clerk id. */
export interface ResolvedUser {
  userId: string;
  role: Role;
  deleted: boolean;
}

const USER = Prisma.raw(`"${IDENTITY_DB_SCHEMA}"."User"`);
/** Stands for the existing row's id in an email built in SQL. */
const ID_MARK = '{id}';

/**
 * Creates and changes users by their Clerk id. Every write is one `INSERT … ON CONFLICT ("clerkId") DO UPDATE`:
 * PostgreSQL's unique index on clerkId serialises concurrent writers, so ten racing first requests of a new Clerk
 * user make exactly one row and all ten get its id. (Prisma's `upsert` sets plain values only, and where it
 * cannot use a native upsert it selects then inserts, failing the loser of a race with P2002.)
 *
 * Emails are unique. A real email that another Clerk account's row already holds (a demo user, or an account
 * re-created before the old one's user.deleted arrived) is not taken: a new row keeps the placeholder email, an
 * existing row keeps the email it has, so the write never fails. Clerk itself keeps emails unique, so this only
 * bridges the moments when identity is behind.
 */
export class ClerkUserService {
  constructor(private readonly db: IdentityDb) {}

  /**
   * Sign-in (the gateway's first sight of a verified session token): the user, created from the token's claims
   * when new. An existing row is left alone, except that a placeholder email is replaced by a real one; Clerk's
   * webhooks own the profile. A deleted user is returned with `deleted: true` and is not revived.
   */
  async resolveForSignIn(profile: ClerkProfile): Promise<ResolvedUser> {
    const placeholder = placeholderEmail(profile.clerkId);
    const [row] = await this.db.$queryRaw<Array<{ id: string; role: Role; deleted: boolean }>>`
      INSERT INTO ${USER} AS u (id, "clerkId", email, "displayName", "firstName", "lastName", "imageUrl", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${profile.clerkId}, ${this.claimableEmail(profile)}, ${displayNameOf(profile)},
              ${profile.firstName}, ${profile.lastName}, ${profile.imageUrl}, now())
      ON CONFLICT ("clerkId") DO UPDATE SET
        email = CASE WHEN u.email = ${placeholder} THEN EXCLUDED.email ELSE u.email END,
        "updatedAt" = CASE WHEN u.email = ${placeholder} AND EXCLUDED.email <> ${placeholder} THEN now() ELSE u."updatedAt" END
      RETURNING u.id::text AS id, u.role::text AS role, u."deletedAt" IS NOT NULL AS deleted`;
    if (!row) throw new Error(`Upsert of ${profile.clerkId} returned no row.`);
    return { userId: row.id, role: row.role, deleted: row.deleted };
  }

  /**
   * user.created / user.updated: creates or updates the row from Clerk's profile (new rows are BUYERs). Returns
   * false, changing nothing, when the user is deleted: a late or replayed event must not bring a profile back.
   * The display name follows Clerk's names only while the member has not chosen their own.
   */
  async syncFromClerk(profile: ClerkProfile): Promise<boolean> {
    const placeholder = placeholderEmail(profile.clerkId);
    const rows = await this.db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO ${USER} AS u (id, "clerkId", email, "displayName", "firstName", "lastName", "imageUrl", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${profile.clerkId}, ${this.claimableEmail(profile)}, ${displayNameOf(profile)},
              ${profile.firstName}, ${profile.lastName}, ${profile.imageUrl}, now())
      ON CONFLICT ("clerkId") DO UPDATE SET
        email = CASE WHEN EXCLUDED.email = ${placeholder} THEN u.email ELSE EXCLUDED.email END,
        "displayName" = CASE WHEN u."displayName" IN (${NEW_MEMBER_NAME}, concat_ws(' ', u."firstName", u."lastName"))
                             THEN EXCLUDED."displayName" ELSE u."displayName" END,
        "firstName" = EXCLUDED."firstName",
        "lastName" = EXCLUDED."lastName",
        "imageUrl" = EXCLUDED."imageUrl",
        "updatedAt" = now()
      WHERE u."deletedAt" IS NULL
      RETURNING u.id::text AS id`;
    return rows.length > 0;
  }

  /**
   * user.deleted: anonymises the profile and marks it deleted, keeping the row so orders and messages keep an
   * author. Idempotent (the first deletion time stays). An unknown Clerk id gets a deleted tombstone row, so a
   * user.created delivered after the deletion, or a still-valid session token, cannot create the user again.
   */
  async anonymise(clerkId: string): Promise<{ userId: string }> {
    const id = randomUUID();
    const [row] = await this.db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO ${USER} AS u (id, "clerkId", email, "displayName", "deletedAt", "updatedAt")
      VALUES (${id}::uuid, ${clerkId}, ${deletedEmail(id)}, ${DELETED_MEMBER_NAME}, now(), now())
      ON CONFLICT ("clerkId") DO UPDATE SET
        email = replace(${deletedEmail(ID_MARK)}, ${ID_MARK}, u.id::text),
        "displayName" = ${DELETED_MEMBER_NAME},
        "firstName" = NULL, "lastName" = NULL, bio = NULL, location = NULL, "imageUrl" = NULL,
        "deletedAt" = COALESCE(u."deletedAt", now()),
        "updatedAt" = now()
      RETURNING u.id::text AS id`;
    if (!row) throw new Error(`Anonymising ${clerkId} returned no row.`);
    return { userId: row.id };
  }

  /** The real email when no other Clerk account's row holds it, else the placeholder (see the class comment). */
  private claimableEmail({ clerkId, email }: ClerkProfile): Prisma.Sql {
    const placeholder = placeholderEmail(clerkId);
    if (!email) return Prisma.sql`${placeholder}`;
    return Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM ${USER} WHERE email = ${email} AND "clerkId" <> ${clerkId})
                      THEN ${placeholder} ELSE ${email} END`;
  }
}

/**
 * Runs `write` again once when it lost a race for an email (two Clerk accounts claiming one address at the same
 * instant): the unique index rejects the loser only after the winner committed, so the retry sees the winner's
 * row and keeps the placeholder.
 */
export async function retryOnEmailRace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const lostEmailRace = error instanceof Prisma.PrismaClientKnownRequestError && JSON.stringify(error.meta ?? {}).includes('User_email_key');
    if (!lostEmailRace) throw error;
    return write();
  }
}
