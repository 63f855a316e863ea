import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-code.ts';

const SAFE_CODES = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

export interface ErrorFormatterOptions {
  /** In production nothing but our own codes' messages leaves the process. */
  production: boolean;
  /** Where unexpected errors are reported before they are masked. */
  logUnexpected?: (error: unknown) => void;
  /**
   * Failures that mean "not now" rather than a bug (a subgraph passes `isDatabaseUnavailable`): the client gets
   * SUBGRAPH_UNAVAILABLE with reason DATABASE_UNAVAILABLE, a message saying to retry, and nothing internal.
   */
  isDatabaseUnavailable?: (error: unknown) => boolean;
}

/**
 * Apollo Server `formatError`: errors we raised on purpose (a known code) pass through; anything else is an
 * internal failure whose message might carry SQL, file paths or secrets, so clients get a generic message.
 */
export function createErrorFormatter({ production, logUnexpected, isDatabaseUnavailable }: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && SAFE_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    if (isCodelessRequestError(original)) {
      return { ...formatted, extensions: { ...(production ? {} : formatted.extensions), code: ErrorCode.BAD_REQUEST } };
    }
    if (isDatabaseUnavailable?.(original)) {
      // Not a bug and not the client's doing: the service's database is away (restarting). Retrying will work.
      logUnexpected?.(original);
      return {
        message: 'This part of the service is temporarily unavailable (its database cannot be reached). Try again shortly.',
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, reason: 'DATABASE_UNAVAILABLE' },
      };
    }
    if (!(original instanceof GraphQLError) || code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) {
      logUnexpected?.(original);
    }
    if (!production) return formatted;
    return {
      message: 'Internal server error.',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Apollo Server refuses some requests with a GraphQLError that has an HTTP 4xx status but no code (a persisted-query
 * hash that does not match its query, an unsupported persisted-query version), which it would label
 * INTERNAL_SERVER_ERROR: they are the client's mistake, with messages Apollo wrote for clients.
 */
function isCodelessRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
