/**
 * A label whose values come from clients (operation names) or from other services (error codes). Every distinct value
 * is a new time series, kept forever by the process and by every Prometheus that scrapes it: a client sending a fresh
 * operation name per request would grow both without bound. So a value becomes a label only if it looks like a name
 * (`pattern`) and while fewer than `maxValues` distinct ones have been seen; anything else is `other`.
 */
export interface BoundedLabelOptions {
  pattern: RegExp;
  maxValues: number;
}

export const OVERFLOW_LABEL = 'other';

export function createBoundedLabel({ pattern, maxValues }: BoundedLabelOptions) {
  const admitted = new Set<string>();
  return (value: string): string => {
    if (admitted.has(value)) return value;
    if (admitted.size >= maxValues || !pattern.test(value)) return OVERFLOW_LABEL;
    admitted.add(value);
    return value;
  };
}

/** GraphQL names (spec: `/[_A-Za-z][_0-9A-Za-z]*`), at most 64 characters; `other` is refused so it stays unambiguous. */
export const OPERATION_NAME_PATTERN = /^(?!other$)[_A-Za-z][_0-9A-Za-z]{0,63}$/;
/** Error codes as the errors package writes them (UPPER_SNAKE), at most 64 characters. */
export const ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
