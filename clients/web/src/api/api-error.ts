/** A failed request as the screens show it: the gateway's stable `extensions.code` and its message. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** `UNAUTHENTICATED`, `NOT_FOUND`, `PRODUCT_UNAVAILABLE`, … or `NETWORK` when the gateway could not be reached. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** What to tell a person, whatever failed. */
export function describeError(error: unknown): string {
  if (isApiError(error) && error.code === 'NETWORK') return 'Threadly cannot be reached right now. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
