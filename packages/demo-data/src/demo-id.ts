import { createHash } from 'node:crypto';

/**
 * Namespace of every demo id. Fixed forever: changing it would change every id, breaking links and bookmarks people
 * made against a seeded demo database.
 */
const DEMO_NAMESPACE = '6f1d2c3a-8b4e-4d7f-9a2c-5e0b1f3d7c94';
const NAMESPACE_BYTES = Buffer.from(DEMO_NAMESPACE.replaceAll('-', ''), 'hex');

/**
 * A name-based UUID (RFC 9562 version 5) for the `key`-th row of `kind`, e.g. `demoId('user', 1)`. The same name
 * always gives the same id, so seeding twice yields identical rows and tests can refer to rows by name.
 */
export function demoId(kind: string, key: string | number): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(`${kind}:${key}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
