/** The `error` object of Stripe's error responses (https://docs.stripe.com/api/errors). */
export interface StripeErrorObject {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  code?: string;
  message: string;
  param?: string;
  doc_url?: string;
  /** Stripe attaches the object an unexpected-state error is about, e.g. the PaymentIntent that cannot be canceled. */
  payment_intent?: unknown;
}

/** A Stripe API error to answer with; the status decides which typed error the SDK raises (400/404 → StripeInvalidRequestError, 401 → StripeAuthenticationError, 500 → StripeAPIError). */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: StripeErrorObject,
  ) {
    super(error.message);
  }

  get body() {
    return { error: this.error };
  }
}

const withDocs = (error: StripeErrorObject): StripeErrorObject =>
  error.code ? { ...error, doc_url: `https://stripe.com/docs/error-codes/${error.code.replaceAll('_', '-')}` } : error;

export const invalidRequest = (message: string, details: { code?: string; param?: string; status?: number; payment_intent?: unknown } = {}) => {
  const { status = 400, ...rest } = details;
  return new StripeApiError(status, withDocs({ type: 'invalid_request_error', message, ...rest }));
};

export const missingParam = (param: string) => invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });

export const unknownParam = (param: string) =>
  invalidRequest(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });

/** An id in the URL that names nothing is a 404; an id in a parameter that names nothing is a 400 about that parameter. */
export const noSuchObject = (objectName: string, id: string, param: string, status: 404 | 400) =>
  invalidRequest(`No such ${objectName}: '${id}'`, { code: 'resource_missing', param, status });

export const apiError = () =>
  new StripeApiError(500, { type: 'api_error', message: 'An unknown error occurred (injected by the Stripe stand-in).' });

export const idempotencyError = (message: string) => new StripeApiError(400, withDocs({ type: 'idempotency_error', message }));
