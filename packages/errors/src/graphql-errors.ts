import { GraphQLError } from 'graphql';
import { ErrorCode, type ErrorCodeName } from './error-code.ts';

/** An expected failure a client can act on: its message is safe to show and is never masked. */
export function domainError(code: ErrorCodeName, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode[code] } });
}

export const notFound = (typename: string, id: string) =>
  domainError('NOT_FOUND', `${typename} ${JSON.stringify(id)} was not found.`, { typename, id });

/** `field` is the argument path that is wrong, e.g. `input.price.amount`, so forms can highlight it. */
export const badUserInput = (message: string, field?: string) =>
  domainError('BAD_USER_INPUT', message, field ? { field } : {});

export const unauthenticated = (message = 'You must be signed in to do this.') =>
  domainError('UNAUTHENTICATED', message);

export const forbidden = (message = 'You are not allowed to do this.') => domainError('FORBIDDEN', message);

export const conflict = (message: string) => domainError('CONFLICT', message);
