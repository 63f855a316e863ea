import { expect } from 'vitest';
import { ErrorCode } from '@threadly/errors';
import { leaksIn } from '../hostile/refusal-checks.ts';
import type { RawResponse } from '../hostile/send-raw-request.ts';
import type { FuzzRequest } from './fuzz-requests.ts';

/**
 * The codes a client may meet (packages/errors). INTERNAL_SERVER_ERROR is among them, but it means "we failed":
 * for a fuzzed request it is a defect, like a 5xx.
 */
export const STABLE_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/** What a failing assertion prints: enough to replay the request by hand. */
export function describeRequest({ family, method, path = '/graphql', headers, body }: FuzzRequest): string {
  const text = typeof body === 'string' ? body : `<bytes> ${body.toString('utf8')}`;
  const shown = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.length > 80 ? `${value.slice(0, 80)}…(${value.length})` : value]));
  return `[${family}] ${method} ${path.slice(0, 300)} ${JSON.stringify(shown)} body(${text.length}): ${text.slice(0, 400)}`;
}

/**
 * Asserts what every answer to a fuzzed request must be — below 500, JSON with `data` or `errors`, every error
 * code a stable one, nothing internal in it — and returns its status and codes for the report.
 */
export function checkFuzzAnswer(request: FuzzRequest, response: RawResponse): { status: number; codes: string[] } {
  const text = response.body.toString('utf8');
  const context = `${describeRequest(request)}\n→ ${response.status} ${text.slice(0, 600)}`;
  expect(response.status, context).toBeLessThan(500);
  expect(leaksIn(text, request), context).toEqual([]);
  expect(response.headers['content-type'], context).toMatch(/^application\/(graphql-response\+)?json/);
  const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> };
  expect(typeof body === 'object' && body !== null && ('data' in body || (Array.isArray(body.errors) && body.errors.length > 0)), context).toBe(true);
  const codes = (body.errors ?? []).map((error) => String(error.extensions?.code));
  for (const error of body.errors ?? []) expect(typeof error.message, context).toBe('string');
  expect(codes.filter((code) => !STABLE_CODES.has(code)), context).toEqual([]);
  return { status: response.status, codes };
}
