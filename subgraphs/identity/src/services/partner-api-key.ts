import { createHash, randomBytes } from 'node:crypto';

/** Every partner key starts so: recognisable in logs and by secret scanners, and says it is a live key. */
export const PARTNER_KEY_PREFIX = 'thr_live_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 32;
/** Characters of the secret part kept in the clear (`prefix`) so people can tell keys apart. */
const VISIBLE_SECRET_CHARS = 8;

/**
 * `thr_live_` + 32 random base62 characters (about 190 bits). Bytes of 248 and above are skipped so each
 * character is equally likely (248 = 4 × 62).
 */
export function generatePartnerApiKey(): string {
  let secret = '';
  while (secret.length < SECRET_LENGTH) {
    for (const byte of randomBytes(SECRET_LENGTH)) {
      if (byte < 248 && secret.length < SECRET_LENGTH) secret += BASE62[byte % 62];
    }
  }
  return `${PARTNER_KEY_PREFIX}${secret}`;
}

/**
 * What is stored and looked up: SHA-256 in hex. A fast hash is right here, unlike for passwords: the key is
 * random with ~190 bits, so there is no dictionary to try against a leaked table.
 */
export const hashPartnerApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * The displayable start of a key: `thr_live_` and the first 8 secret characters. (The first 8 characters alone
 * would be `thr_live` for every key.)
 */
export const partnerApiKeyPrefix = (key: string): string => key.slice(0, PARTNER_KEY_PREFIX.length + VISIBLE_SECRET_CHARS);
