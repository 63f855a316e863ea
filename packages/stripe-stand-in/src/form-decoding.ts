import { invalidRequest } from './stripe-errors.ts';

/** A decoded form value: bracket keys become nested records; lists stay records keyed `0`, `1`, … until a schema reads them. */
export type FormValue = string | FormParams;
export interface FormParams {
  [key: string]: FormValue;
}

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const MAX_DEPTH = 5;

/**
 * Decodes Stripe's `application/x-www-form-urlencoded` bodies and query strings, where nesting is written with
 * brackets (`metadata[order_id]=…`, `payment_method_types[0]=card`, `expand[]=latest_charge`).
 *
 * Written here rather than taken from `qs`: stripe 23 encodes with its own code and no longer depends on `qs`, which
 * is present only as a transitive dependency of @apollo/server. Like Stripe's server, this keeps every leaf a string
 * and leaves lists as index-keyed records, so each endpoint's schema decides what is a number or a list.
 */
export function decodeStripeForm(encoded: string): FormParams {
  const root: FormParams = Object.create(null) as FormParams;
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const match = KEY.exec(rawKey);
    if (!match) throw invalidRequest(`Invalid parameter name: ${rawKey}`, { param: rawKey });
    const segments = [match[1] as string, ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1] as string)];
    if (segments.length > MAX_DEPTH + 1) throw invalidRequest(`Parameter ${rawKey} is nested too deeply.`, { param: rawKey });
    assign(root, segments, value, rawKey);
  }
  return root;
}

function assign(container: FormParams, segments: string[], value: string, rawKey: string) {
  let current = container;
  segments.forEach((segment, index) => {
    // `list[]` appends, as Stripe's server reads `expand[]=a&expand[]=b`.
    const key = segment === '' ? String(Object.keys(current).length) : segment;
    const last = index === segments.length - 1;
    const existing = current[key];
    if (last) {
      if (typeof existing === 'object') throw conflicting(rawKey);
      current[key] = value;
      return;
    }
    if (typeof existing === 'string') throw conflicting(rawKey);
    const next = existing ?? (Object.create(null) as FormParams);
    current[key] = next;
    current = next;
  });
}

const conflicting = (rawKey: string) =>
  invalidRequest(`Parameter ${rawKey} is given both as a value and as a hash.`, { param: rawKey });
