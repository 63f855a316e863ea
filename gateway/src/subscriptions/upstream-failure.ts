import type { Logger } from '@threadly/logger';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const isFormattedErrors = (value: unknown): value is GraphQLFormattedError[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'object' && entry !== null && 'message' in entry);

/**
 * What the client learns when the owning subgraph ends a subscription with an error: the subgraph's own errors
 * (BAD_USER_INPUT, UNAUTHENTICATED, …) keep their message and code; a lost connection is SUBGRAPH_UNAVAILABLE,
 * without the socket's details, which are logged instead.
 */
export function upstreamFailure(error: unknown, logger: Logger): GraphQLError[] {
  if (isFormattedErrors(error)) {
    return error.map((entry) => new GraphQLError(entry.message, { path: entry.path, extensions: entry.extensions }));
  }
  const detail = error instanceof Error ? error.message : describeClose(error);
  logger.warn({ detail }, 'a subgraph subscription connection failed');
  return [
    new GraphQLError('The subscription was interrupted: its source is unavailable. Subscribe again.', {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    }),
  ];
}

/** A CloseEvent (code, reason) or a socket ErrorEvent (message) from the upstream WebSocket. */
function describeClose(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return `closed with ${String(code)}${reason ? `: ${String(reason)}` : ''}`;
  }
  if (typeof error === 'object' && error !== null && 'message' in error) return `socket error: ${String((error as { message: unknown }).message)}`;
  return String(error);
}
