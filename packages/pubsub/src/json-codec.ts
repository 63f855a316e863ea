/**
 * JSON that brings `Date`s back: a payload is usually an entity row (`createdAt`, `readAt`), and over Redis it
 * travels as text. A date is written as `{ "$date": "<ISO>" }`, an object no string in the payload can forge, so
 * a message body that merely looks like a date stays a string.
 */
const DATE_TAG = '$date';

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function replace(this: Record<string, unknown>, key, encoded: unknown) {
    // `encoded` is already the output of Date#toJSON; the holder still has the Date itself.
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : encoded;
  });
}

export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const tagged = (value as Record<string, unknown>)[DATE_TAG];
      if (keys.length === 1 && typeof tagged === 'string') return new Date(tagged);
    }
    return value;
  }) as T;
}
