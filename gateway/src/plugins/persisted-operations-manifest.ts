import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Operations a client ships, by the hex SHA-256 of their text: what `npm run codegen` writes to
 * `clients/<client>/src/gql/persisted-documents.json` and the gateway trusts.
 */
export type PersistedOperationManifest = ReadonlyMap<string, string>;

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const manifestSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'), z.string().min(1));

/**
 * Reads one manifest and checks that every document is stored under its own hash: a hand-edited entry could
 * otherwise let a client run a document nobody generated under a hash that looks trusted.
 */
export function readManifest(path: string): Map<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not a readable JSON manifest (${(error as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: expected { "<sha256 hex>": "<document>" } (${parsed.error.issues[0]?.message})`);
  for (const [hash, document] of Object.entries(parsed.data)) {
    if (sha256Hex(document) !== hash) throw new Error(`${path}: the document under ${hash} does not hash to it; run \`npm run codegen\``);
  }
  return new Map(Object.entries(parsed.data));
}

/**
 * The union of several manifests (the web app's and the mobile app's for first-party clients). A path with no file
 * is skipped and reported through `onMissing`, because a client may not have operations yet; a file that exists
 * but is malformed throws, so a broken manifest stops the gateway at start rather than refusing its client.
 */
export function readManifests(paths: readonly string[], onMissing: (path: string) => void): PersistedOperationManifest {
  const union = new Map<string, string>();
  for (const path of paths) {
    if (!existsSync(path)) {
      onMissing(path);
      continue;
    }
    for (const [hash, document] of readManifest(path)) union.set(hash, document);
  }
  return union;
}
