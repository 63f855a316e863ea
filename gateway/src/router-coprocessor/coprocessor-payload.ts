import type { GraphQLError } from 'graphql';
import { z } from 'zod';

/**
 * What Apollo Router POSTs to a coprocessor and reads back (its "externalized" request, version 1): one JSON object
 * per stage. Only the fields this coprocessor uses are checked; the Router sends more (body, sdl, path, method).
 * Headers are lists of values per lower-case name; context is `{ entries: { key: JSON value } }`.
 */
export const coprocessorRequestSchema = z.object({
  version: z.literal(1, { message: 'expected the Router coprocessor protocol version 1' }),
  stage: z.string(),
  id: z.string().nullish(),
  control: z.unknown().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  context: z.object({ entries: z.record(z.string(), z.unknown()) }).optional(),
});

export type CoprocessorRequest = z.infer<typeof coprocessorRequestSchema>;

/** Context key the signed viewer is written under; docs/router/rhai/viewer-header.rhai reads it. */
export const VIEWER_CONTEXT_KEY = 'threadly::viewer';

/**
 * The reply that lets the request go on. Headers and body are left out on purpose: the Router replaces the request's
 * headers or body with whatever a reply carries, so omitting them keeps the client's. The context entries given are
 * merged into the request's.
 */
export function continueWith(request: CoprocessorRequest, entries: Record<string, unknown>) {
  return { version: 1, stage: request.stage, id: request.id, control: 'continue', context: { entries } };
}

/**
 * The reply that ends the request with `error`'s HTTP status (its `extensions.http`, as Apollo Server reads it) and a
 * GraphQL error body, as the Node gateway would answer. The Router parses `body` (a string at the router stage) as a
 * GraphQL response, and replaces the response headers with those given: content type, and Retry-After or
 * WWW-Authenticate where the error has them.
 */
export function breakWith(request: CoprocessorRequest, error: GraphQLError) {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } } & Record<string, unknown>;
  const headers: Record<string, string[]> = { 'content-type': ['application/json'] };
  for (const [name, value] of http?.headers ?? []) headers[name] = [value];
  return {
    version: 1,
    stage: request.stage,
    id: request.id,
    control: { break: http?.status ?? 400 },
    headers,
    body: JSON.stringify({ errors: [{ message: error.message, extensions }] }),
  };
}

/** A request's headers as Node's IncomingMessage has them: lower-case names, repeated values joined by ", ". */
export function nodeHeaders(request: CoprocessorRequest): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, values]) => [name.toLowerCase(), values.join(', ')]));
}
