// `npm run partner-key -- create <partnerId> [--name "…"] [--limit N]` | `revoke <prefix>` | `list`
// Issues, revokes and lists partner API keys in identity's table at DATABASE_URL. A new key is printed once, as the
// last line of stdout (everything else goes to stderr): only its SHA-256 is stored, so it cannot be shown again.
import { parseArgs } from 'node:util';
import { databaseEnvShape, loadConfigOrExit, parseEnv } from '@threadly/config';
import { createPool } from '@threadly/database';
import { createIdentityPrisma, PartnerKeyService, type PartnerKeySummary } from '@threadly/identity';
import { z } from 'zod';

const USAGE = `Usage:
  npm run partner-key -- create <partnerId> [--name "Acme production"] [--limit <requests per window>]
  npm run partner-key -- revoke <prefix>      (thr_live_ and 8 characters, as list shows)
  npm run partner-key -- list`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, limit: { type: 'string' } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
const [command, argument, ...extra] = positionals;
const arity: Record<string, number> = { create: 1, revoke: 1, list: 0 };
if (!command || arity[command] === undefined || (argument === undefined ? 0 : 1) + extra.length !== arity[command]) fail(USAGE);
if (command !== 'create' && (values.name !== undefined || values.limit !== undefined)) fail(`--name and --limit go with create.\n${USAGE}`);
if (values.limit !== undefined && !/^\d+$/.test(values.limit)) fail('--limit must be a whole number of requests per rate-limit window.');

const env = loadConfigOrExit(() => parseEnv({ DATABASE_URL: databaseEnvShape.DATABASE_URL }, process.env));
if (!env.DATABASE_URL) fail('DATABASE_URL is required: the postgres:// URL of the database identity uses (partner keys live in identity."PartnerApiKey").');

/** Option names people typed, for the fields validation talks about. */
const OPTION_OF: Record<string, string> = { partnerId: '<partnerId>', name: '--name', rateLimitPerWindow: '--limit' };

const limitText = (limit: number | null) => (limit === null ? "the gateway's RATE_LIMIT_PARTNER" : `${limit} requests per window`);
const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

async function create(keys: PartnerKeyService, partnerId: string) {
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const { key, record } = await keys.create({ partnerId, name: values.name, rateLimitPerWindow: limit });
  console.error(`Created API key ${record.prefix}… "${record.name}" for partner ${record.partnerId}, limited to ${limitText(record.rateLimitPerWindow)}.`);
  console.error('Give the partner the key below now: it cannot be shown again (only its SHA-256 is stored). They send it as "x-api-key: <key>".');
  console.log(key);
}

async function revoke(keys: PartnerKeyService, prefix: string) {
  const revoked = await keys.revoke(prefix);
  if (!revoked) fail(`No API key starts with ${prefix}; \`npm run partner-key -- list\` shows every key's prefix.`);
  const { record, alreadyRevoked } = revoked;
  const what = `${record.prefix} ("${record.name}", partner ${record.partnerId})`;
  console.log(
    alreadyRevoked
      ? `${what} was already revoked at ${when(record.revokedAt!)}.`
      : `Revoked ${what}. Gateways refuse it within 60 s (they cache key lookups that long).`,
  );
}

function printList(rows: PartnerKeySummary[]) {
  if (rows.length === 0) return console.log('No partner API keys yet. Issue one with: npm run partner-key -- create <partnerId>');
  const table = [
    ['prefix', 'partner', 'name', 'limit', 'created', 'status'],
    ...rows.map((row) => [
      row.prefix,
      row.partnerId,
      row.name,
      row.rateLimitPerWindow === null ? 'default' : String(row.rateLimitPerWindow),
      when(row.createdAt),
      row.revokedAt ? `revoked ${when(row.revokedAt)}` : 'active',
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  for (const cells of table) console.log(cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

const pool = createPool(env.DATABASE_URL, 1);
const prisma = createIdentityPrisma(pool);
const keys = new PartnerKeyService(prisma);
try {
  if (command === 'create') await create(keys, argument!);
  else if (command === 'revoke') await revoke(keys, argument!);
  else printList(await keys.list());
} catch (error) {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0]!;
    fail(`${OPTION_OF[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}.`);
  }
  if ((error as { code?: string }).code === 'P2021') {
    fail('identity."PartnerApiKey" does not exist in that database: start identity (or `npm start`) with this DATABASE_URL once to apply its migrations.');
  }
  fail(`Could not reach identity's tables at DATABASE_URL: ${(error as Error).message}`);
} finally {
  await prisma.$disconnect().catch(() => undefined);
  await pool.end().catch(() => undefined);
}
