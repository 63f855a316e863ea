/**
 * Redis Cluster runs a multi-key command, a MULTI or a Lua script only when all its keys hash to one slot, and a
 * key's slot is computed from its hash tag — the part between the first `{` and the next `}` — when it has one.
 * These helpers give related keys a shared hash tag. On a single server the braces are just characters.
 */

/** Whether `key` holds a non-empty hash tag (Redis hashes only that part). */
export function hasHashTag(key: string): boolean {
  const open = key.indexOf('{');
  if (open < 0) return false;
  const close = key.indexOf('}', open + 1);
  return close > open + 1;
}

/**
 * A key prefix whose keys all share one slot: the prefix as given when it already holds a hash tag, else the
 * prefix wrapped in one (`threadly:cache:` → `{threadly:cache:}`).
 */
export function slotPrefix(prefix: string): string {
  return hasHashTag(prefix) ? prefix : `{${prefix}}`;
}

/**
 * A key in the same slot as `key` (e.g. a stream and its dead letters, written in one MULTI): `key` + `suffix`
 * when `key` already holds a hash tag, else `{key}` + `suffix` — whose slot is `key`'s own, since Redis hashes
 * only `key` inside the braces.
 */
export function sameSlotKey(key: string, suffix: string): string {
  return hasHashTag(key) ? key + suffix : `{${key}}${suffix}`;
}
