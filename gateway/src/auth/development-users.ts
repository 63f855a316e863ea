// For `npm run token` and the test harness only (it reads the demo data, a development dependency): who a
// development token should be minted for. The running gateway never imports this file.
import { DEMO_ACCOUNTS, generateDemoData, type DemoAccountName } from '@threadly/demo-data';
import type { ViewerRole } from '@threadly/identity-headers';
import type { DevelopmentTokenSubject } from './dev-token.ts';

export interface DevelopmentUser extends DevelopmentTokenSubject {
  /** The database user id. */
  id: string;
  email: string;
  role: ViewerRole;
  deleted: boolean;
}

/** Anything that runs SQL with parameters: a pg Pool or Client. */
export interface SqlQueryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

let demoUsers: DevelopmentUser[] | undefined;

/** The generated demo users (deterministic, so this needs no database). */
function allDemoUsers(): DevelopmentUser[] {
  demoUsers ??= generateDemoData().users.map((user) => ({
    id: user.id,
    clerkId: user.clerkId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    imageUrl: user.imageUrl,
    role: user.role,
    deleted: user.deletedAt !== null,
  }));
  return demoUsers;
}

const isDemoAccountName = (key: string): key is DemoAccountName => Object.hasOwn(DEMO_ACCOUNTS, key);

/** A demo user by database id, email, Clerk id, or demo account name (`buyer`, `seller`, `admin`). */
export function findDemoUser(key: string): DevelopmentUser | undefined {
  const wanted = isDemoAccountName(key) ? DEMO_ACCOUNTS[key].id : key.toLowerCase();
  return allDemoUsers().find((user) => user.id === wanted || user.email === wanted || user.clerkId.toLowerCase() === wanted);
}

interface UserRow {
  id: string;
  clerkId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  imageUrl: string | null;
  role: ViewerRole;
  deletedAt: Date | null;
}

/** Any user in identity's table by database id, email or Clerk id. */
export async function findDatabaseUser(db: SqlQueryable, key: string): Promise<DevelopmentUser | undefined> {
  const { rows } = await db.query(
    `SELECT id, "clerkId", email, "firstName", "lastName", "imageUrl", role, "deletedAt" FROM identity."User"
     WHERE id::text = $1 OR lower(email) = lower($1) OR "clerkId" = $1 LIMIT 1`,
    [key],
  );
  const row = rows[0] as UserRow | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    clerkId: row.clerkId,
    email: row.email,
    firstName: row.firstName ?? undefined,
    lastName: row.lastName ?? undefined,
    imageUrl: row.imageUrl ?? undefined,
    role: row.role,
    deleted: row.deletedAt !== null,
  };
}
