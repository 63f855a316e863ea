import type { FormParams, FormValue } from './form-decoding.ts';
import { idempotencyError, invalidRequest } from './stripe-errors.ts';

export interface SavedResponse {
  status: number;
  body: unknown;
}

interface SavedRequest {
  path: string;
  fingerprint: string;
  response: SavedResponse;
}

/** Key order does not make two requests different. */
const canonical = (value: FormValue): unknown =>
  typeof value === 'string' ? value : Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key] as FormValue)]));

/**
 * Stripe's idempotency layer for POST requests: the first response for a key is saved (errors included, once the endpoint
 * started executing) and replayed for a retry with the same parameters; reusing a key for a different request is a 400
 * `idempotency_error`. Keys are scoped to the API key, as they are to the account in Stripe.
 * https://docs.stripe.com/api/idempotent_requests
 */
export class IdempotencyLayer {
  private readonly saved = new Map<string, SavedRequest>();

  /** The saved response to replay, or undefined when the request is new; throws when the key was used differently. */
  lookup(scope: string, key: string, path: string, params: FormParams): SavedResponse | undefined {
    if (key.length > 255) throw invalidRequest('Idempotency keys can be at most 255 characters long.', { param: 'Idempotency-Key' });
    const saved = this.saved.get(this.slot(scope, key));
    if (!saved) return undefined;
    if (saved.path !== path) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${path}' vs '${saved.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (saved.fingerprint !== JSON.stringify(canonical(params))) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return saved.response;
  }

  save(scope: string, key: string, path: string, params: FormParams, response: SavedResponse) {
    this.saved.set(this.slot(scope, key), { path, fingerprint: JSON.stringify(canonical(params)), response });
  }

  clear() {
    this.saved.clear();
  }

  private slot = (scope: string, key: string) => `${scope}\u0000${key}`;
}
