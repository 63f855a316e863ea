// `npm run token -- <email | user id | Clerk id | buyer | seller | admin> [--ttl 3600] [--azp http://localhost:4000]`
// Mints a Clerk-shaped session token signed with the development key (gateway/dev-keys) for a demo user, or, with
// DATABASE_URL set, any user in identity."User". The token is the last line of stdout; the rest goes to stderr.
// Gateways running in production refuse the development key, so these tokens only work locally and in tests.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseEnvShape, loadConfigOrExit, parseEnv } from '@threadly/config';
import { DEVELOPMENT_TOKEN_AZP, signDevelopmentSessionToken } from '@threadly/gateway';
import { findDatabaseUser, findDemoUser, type DevelopmentUser } from '../gateway/src/auth/development-users.ts';

const USAGE = 'Usage: npm run token -- <email | user id | buyer | seller | admin> [--ttl seconds] [--azp origin]';
const MAX_TTL_SECONDS = 7 * 24 * 3600;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { ttl: { type: 'string', default: '3600' }, azp: { type: 'string', default: DEVELOPMENT_TOKEN_AZP } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
const [who] = positionals;
if (!who || positionals.length > 1) fail(USAGE);
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) fail(`--ttl must be whole seconds between 1 and ${MAX_TTL_SECONDS}.`);
if (!URL.canParse(values.azp) || new URL(values.azp).origin !== values.azp) fail(`--azp must be an origin such as ${DEVELOPMENT_TOKEN_AZP} (no path, no trailing slash).`);

const env = loadConfigOrExit(() => parseEnv({ DATABASE_URL: databaseEnvShape.DATABASE_URL }, process.env));

/** Demo users need no database; anyone else is looked up in identity when DATABASE_URL says where it is. */
async function findUser(key: string): Promise<DevelopmentUser | undefined> {
  const demo = findDemoUser(key);
  if (demo || !env.DATABASE_URL) return demo;
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  try {
    await client.connect();
    return await findDatabaseUser(client, key);
  } catch (error) {
    return fail(`Could not look up ${key} in the database at DATABASE_URL: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const user = await findUser(who);
if (!user) {
  fail(
    env.DATABASE_URL
      ? `No user ${JSON.stringify(who)} in identity."User" or the demo data. Use an email, user id or Clerk id of an existing user (e.g. buyer@demo.threadly.dev).`
      : `No demo user ${JSON.stringify(who)}. Use a demo email or id (e.g. buyer@demo.threadly.dev), or set DATABASE_URL to find other users.`,
  );
}

const token = signDevelopmentSessionToken(user, { ttlSeconds, azp: values.azp });
console.error(
  `Development token for ${user.email} (${user.role}, user ${user.id}, Clerk ${user.clerkId}), valid ${ttlSeconds} s for ${values.azp}.` +
    `${user.deleted ? ' This account is deleted: the gateway will refuse it.' : ''} Send it as "Authorization: Bearer <token>".`,
);
console.log(token);
