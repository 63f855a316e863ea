/**
 * Fields every per-request line shares, gateway and subgraphs alike (gateway/src/plugins/request-log-plugin.ts,
 * packages/subgraph-runtime/src/request-log-plugin.ts). Each is read once per request from what the response
 * already holds: no walk of the result, nothing serialized but the line itself.
 */

/** Distinct error codes of a response, in order of appearance, at most this many (a line stays small). */
const MAX_ERROR_CODES = 8;

/** The distinct `extensions.code`s of a response's (formatted) errors; undefined when there are none. */
export function errorCodesOf(errors: ReadonlyArray<{ extensions?: Readonly<Record<string, unknown>> }> | undefined): string[] | undefined {
  if (!errors || errors.length === 0) return undefined;
  const codes: string[] = [];
  for (const error of errors) {
    const code = error.extensions?.code;
    const name = typeof code === 'string' ? code : 'NO_CODE';
    if (!codes.includes(name)) codes.push(name);
    if (codes.length === MAX_ERROR_CODES) break;
  }
  return codes;
}

export type RequestLogLevel = 'info' | 'warn';

/**
 * `warn` when a request ended in something nobody planned for — a 5xx, an INTERNAL_SERVER_ERROR (a bug, masked
 * for the client) — or a subgraph the gateway could not reach; `info` for everything else, the client's own
 * mistakes included (a 4xx is the API working as designed).
 */
export function requestLogLevel(status: number, codes: readonly string[] | undefined): RequestLogLevel {
  if (status >= 500) return 'warn';
  if (codes && (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('SUBGRAPH_UNAVAILABLE'))) return 'warn';
  return 'info';
}

/** A GraphQL Name (what an operation name must be), of a sane length; anything else a client sent is not logged. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,127}$/;

/**
 * The operation name to log: the one the parsed document resolved to when there is one, else what the request
 * claimed, only if it is a well-formed name (a refused or unparsable request still has its name on the line, and
 * a client cannot put arbitrary text there).
 */
export function safeOperationName(resolved: string | null | undefined, requested: unknown): string | undefined {
  if (resolved) return resolved;
  return typeof requested === 'string' && OPERATION_NAME.test(requested) ? requested : undefined;
}

/** Milliseconds since `start` (a `performance.now()` reading), to a tenth. */
export const elapsedMs = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

export interface RefusalOutcome {
  status: number;
  errorCodes: string[];
  level: RequestLogLevel;
}

/**
 * Status, codes and level of a request refused with `error` before Apollo ran it (sign-in, rate limit, a forged
 * viewer header): a GraphQLError's own code and `http.status`; anything else is what the client gets for it, a 500
 * INTERNAL_SERVER_ERROR.
 */
export function refusalOutcome(error: unknown): RefusalOutcome {
  const extensions = (error as { extensions?: Readonly<Record<string, unknown>> } | null)?.extensions;
  const given = (extensions?.http as { status?: unknown } | undefined)?.status;
  const status = typeof given === 'number' ? given : 500;
  const errorCodes = errorCodesOf([{ extensions: extensions ?? { code: 'INTERNAL_SERVER_ERROR' } }]) ?? [];
  return { status, errorCodes, level: requestLogLevel(status, errorCodes) };
}
