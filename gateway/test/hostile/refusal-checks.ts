import { expect } from 'vitest';
import type { HostileCase, HostileRequest } from './hostile-case.ts';
import type { RawResponse } from './send-raw-request.ts';

/** Codes that say "your request was wrong", as opposed to "we failed". */
const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** HTTP statuses a refusal may carry; 431 and a bare 400 come from Node's HTTP parser itself. */
const CLIENT_ERROR_STATUSES = new Set([200, 400, 401, 403, 404, 405, 413, 415, 429, 431]);

/**
 * What must never reach a client: stack frames, file paths, database and driver wording, internal addresses,
 * JavaScript runtime errors. ("at " alone would flag "at most 120 characters", so stack frames are matched by shape.)
 */
const INTERNAL_DETAIL: Array<[string, RegExp]> = [
  ['a stack trace', /stacktrace|\bat (?:async )?(?:[\w$.<>[\]]+ \()?(?:file:\/\/|node:|\/)[^\s)]*:\d+/gi],
  ['a file path', /(?:\/(?:work|home|usr|tmp|app|src)\/)|node_modules|\.(?:ts|js|mjs|cjs):\d+/gi],
  ['Prisma', /prisma/gi],
  ['PostgreSQL wording', /postgres|\bpg_\w+|sqlstate|syntax error at or near|invalid input syntax|violates|duplicate key|invalid byte sequence|out of range|relation "|column "/gi],
  ['SQL', /\bSELECT\b.{0,80}?\bFROM\b|\bINSERT INTO\b|\bDELETE FROM\b|\bUPDATE\b.{0,80}?\bSET\b/gi],
  ['an internal address', /127\.0\.0\.1:\d+|localhost:\d+|\[::1\]|ECONNREFUSED|ECONNRESET|EPIPE/gi],
  ['a JavaScript error', /TypeError|RangeError|ReferenceError|SyntaxError: Unexpected token|Cannot read propert|is not a function|Maximum call stack/g],
];

/** Everything the client sent, without escapes, so a message echoing the client's own input is not mistaken for a leak. */
function sentText(request: HostileRequest): string {
  let path = request.path ?? '';
  try {
    path = decodeURIComponent(path.replaceAll('+', ' '));
  } catch {
    // An undecodable path is compared as sent.
  }
  const body = typeof request.body === 'string' ? request.body : request.body.toString('utf8');
  return [path, ...Object.values(request.headers), body].join('\n').replaceAll('\\', '');
}

/** Internal detail in the answer that the client did not put there itself. */
export function leaksIn(text: string, request: HostileRequest): string[] {
  const sent = sentText(request);
  const leaks: string[] = [];
  for (const [what, pattern] of INTERNAL_DETAIL) {
    for (const match of text.matchAll(pattern)) {
      if (!sent.includes(match[0].replaceAll('\\', ''))) leaks.push(`${what}: ${JSON.stringify(match[0])}`);
    }
  }
  return leaks;
}

/** True for null, and for objects and lists holding nothing but nulls: what is left of `data` after a refusal. */
const onlyNulls = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'object' && Object.values(value as object).every(onlyNulls));

interface GraphQLErrorBody {
  data?: unknown;
  errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }>;
}

/**
 * Asserts that a hostile request was refused on its merits and without giving anything away; returns
 * `"<status> <code>"` for the distribution report.
 */
export function expectRefusal({ request, expected }: HostileCase, response: RawResponse): string {
  const text = response.body.toString('utf8');
  expect(response.status, text.slice(0, 500)).toBeLessThan(500);
  expect(CLIENT_ERROR_STATUSES.has(response.status), `status ${response.status}`).toBe(true);
  expect(leaksIn(text, request)).toEqual([]);
  if ('answeredBy' in expected) {
    expect(response.status).toBe(expected.status);
    return `${response.status} (HTTP parser)`;
  }
  expect(response.headers['content-type'], text.slice(0, 200)).toMatch(/^application\/(graphql-response\+)?json/);
  const body = JSON.parse(text) as GraphQLErrorBody;
  expect(Array.isArray(body.errors) && body.errors.length > 0, text.slice(0, 500)).toBe(true);
  const codes = (body.errors ?? []).map((error) => String(error.extensions?.code));
  for (const error of body.errors ?? []) expect(typeof error.message).toBe('string');
  expect(codes.filter((code) => !CLIENT_ERROR_CODES.has(code)), text.slice(0, 500)).toEqual([]);
  expect(codes, text.slice(0, 500)).toContain(expected.code);
  expect(response.status, text.slice(0, 500)).toBe(expected.status);
  expect(onlyNulls(body.data), `data leaked: ${JSON.stringify(body.data)?.slice(0, 300)}`).toBe(true);
  return `${response.status} ${expected.code}`;
}
