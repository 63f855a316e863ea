import { Lexer, Source, TokenKind } from 'graphql';
import type { ErrorCodeName } from '@threadly/errors';
import { DEFAULT_OPERATION_LIMITS } from '../../src/edge/operation-limits.ts';

/** Exactly what goes on the wire: raw bytes are allowed, so a case can carry invalid UTF-8 or a lying Content-Length. */
export interface HostileRequest {
  method: string;
  /**
   * Sent as given. Without `content-length` or `transfer-encoding` the sender adds the body's true length;
   * with `transfer-encoding: chunked` it sends the body in chunks (unless the body is already chunk-framed, ending in
   * `0\r\n\r\n`); a given `content-length` is sent even when it lies.
   */
  headers: Record<string, string>;
  body: string | Buffer;
  /** Defaults to `/graphql`. */
  path?: string;
}

/**
 * How a case must be refused. `status: 200` is a GraphQL error inside a 200 (valid GraphQL whose arguments a
 * resolver rejected). `http-parser` answers come from Node's HTTP parser before the gateway sees the request: a
 * bare status line, no JSON body.
 */
export type Refusal = { status: number; code: ErrorCodeName } | { status: 400 | 431; answeredBy: 'http-parser' };

export interface HostileCase {
  name: string;
  request: HostileRequest;
  expected: Refusal;
}

export type Headers = Record<string, string>;

const JSON_CONTENT = { 'content-type': 'application/json' };

/** A POST with a JSON body, as every client sends; `body` is serialised unless it is already text or bytes. */
export const postJson = (body: unknown, headers: Headers = {}): HostileRequest => ({
  method: 'POST',
  headers: { ...JSON_CONTENT, ...headers },
  body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
});

/** One GraphQL operation POSTed as JSON. */
export const postGraphQL = (query: string, variables?: Record<string, unknown>, headers: Headers = {}): HostileRequest =>
  postJson(variables === undefined ? { query } : { query, variables }, headers);

/** A GET with the operation in the query string; the preflight header gets it past CSRF prevention. */
export const getGraphQL = (params: Record<string, string>, headers: Headers = { 'apollo-require-preflight': 'true' }): HostileRequest => ({
  method: 'GET',
  headers,
  body: '',
  path: `/graphql?${new URLSearchParams(params).toString()}`,
});

/** Shorthands for the refusals most cases expect. */
export const refused = {
  parse: { status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  validation: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  badRequest: { status: 400, code: 'BAD_REQUEST' },
  /** Variables that do not coerce to their declared types: refused before execution. */
  variables: { status: 400, code: 'BAD_USER_INPUT' },
  /** Text no field accepts (a NUL, an unpaired surrogate), in a variable or a string literal: refused before planning. */
  text: { status: 400, code: 'BAD_USER_INPUT' },
  /** `operationName` naming no operation, or several operations and no name. */
  operation: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  tooLarge: { status: 413, code: 'BAD_REQUEST' },
  unauthenticated: { status: 401, code: 'UNAUTHENTICATED' },
  /** Resolver-level refusals: valid GraphQL, a 200 carrying the error and no data. */
  badUserInput: { status: 200, code: 'BAD_USER_INPUT' },
  notFound: { status: 200, code: 'NOT_FOUND' },
  signInRequired: { status: 200, code: 'UNAUTHENTICATED' },
  forbidden: { status: 200, code: 'FORBIDDEN' },
} as const satisfies Record<string, Refusal>;

export const hostileCase = (name: string, request: HostileRequest, expected: Refusal): HostileCase => ({ name, request, expected });

/** Tokens graphql-js counts against `maxTokens` (comments and the end of the document are free). */
export function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A lexing error ends the count; such documents are refused while parsing anyway.
  }
  return count;
}

/**
 * A document over the token limit is refused while parsing, before any rule looks at it; under it, by the
 * validation rule the case is about.
 */
export const refusedBySize = (query: string, otherwise: Refusal = refused.validation): Refusal =>
  tokenCount(query) > DEFAULT_OPERATION_LIMITS.tokens ? refused.parse : otherwise;
