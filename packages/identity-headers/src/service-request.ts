import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header that proves a request to an internal route comes from another Threadly service. */
export const SERVICE_SIGNATURE_HEADER = 'x-threadly-service-signature';

const MAX_AGE_SECONDS = 60;

function mac(secret: string, timestamp: string, method: string, path: string, body: string) {
  // A distinct prefix keeps a viewer-header signature from ever being valid here, and vice versa.
  return createHmac('sha256', secret).update(`service.${timestamp}.${method.toUpperCase()}.${path}.${body}`).digest('base64url');
}

/**
 * `t=<seconds>,s=<HMAC>` over method, path and the exact body: an internal call cannot be replayed after a
 * minute, redirected to another route, or have its body changed.
 */
export function signServiceRequest(request: { method: string; path: string; body: string }, secret: string, now = Date.now()) {
  const timestamp = String(Math.floor(now / 1000));
  return `t=${timestamp},s=${mac(secret, timestamp, request.method, request.path, request.body)}`;
}

export function verifyServiceRequest(
  header: string | undefined,
  request: { method: string; path: string; body: string },
  secret: string,
  now = Date.now(),
): boolean {
  const match = /^t=(\d+),s=([\w-]+)$/.exec(header ?? '');
  if (!match) return false;
  const [, timestamp = '', signature = ''] = match;
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  const expected = Buffer.from(mac(secret, timestamp, request.method, request.path, request.body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A non-2xx answer of an internal route: callers tell "the service is down" (5xx) from "it refused" (4xx). */
export class ServiceAnswerError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
  ) {
    super(`${path} answered ${status}`);
    this.name = 'ServiceAnswerError';
  }
}

/** POSTs JSON to another service's internal route, signed; throws `ServiceAnswerError` on a non-2xx answer. */
export async function postToService<Result>(url: string, payload: unknown, secret: string, timeoutMs = 3000): Promise<Result> {
  const body = JSON.stringify(payload);
  const { pathname } = new URL(url);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SERVICE_SIGNATURE_HEADER]: signServiceRequest({ method: 'POST', path: pathname, body }, secret) },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new ServiceAnswerError(pathname, response.status);
  return (await response.json()) as Result;
}
