import { ServiceAnswerError } from '@threadly/identity-headers';

/**
 * Whether a failed call means identity could not answer (refused connection, reset, timeout, 5xx), as opposed to
 * identity answering something the gateway refuses (4xx: a signing or configuration fault; a malformed answer).
 * Only the first may be bridged with a last known answer: the second would hide a fault that waiting does not fix.
 */
export function isIdentityUnreachable(error: unknown): boolean {
  if (error instanceof ServiceAnswerError) return error.status >= 500;
  // undici's network failures: `TypeError('fetch failed')` with the socket error as cause.
  if (error instanceof TypeError) return error.message.startsWith('fetch failed');
  // AbortSignal.timeout's DOMException.
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
