import type { IncomingMessage } from 'node:http';
import { PARTNER_KEY_HEADER } from '../auth/partner-key.ts';

/**
 * Browsers cannot set headers on a WebSocket, so clients send their credentials in connection_init's payload,
 * under the same names as the HTTP headers (`authorization: "Bearer <Clerk token>"`, `x-api-key`). This returns
 * the upgrade request as the HTTP authenticate step expects it: the connection's own headers (for the client
 * address behind proxies) with the credentials from the payload, and only from there.
 */
export function requestWithCredentials(upgrade: IncomingMessage, params: Readonly<Record<string, unknown>> | undefined): IncomingMessage {
  const { authorization: _authorization, [PARTNER_KEY_HEADER]: _apiKey, ...headers } = upgrade.headers;
  const authorization = params?.authorization;
  const apiKey = params?.[PARTNER_KEY_HEADER];
  return Object.create(upgrade, {
    headers: {
      value: {
        ...headers,
        ...(typeof authorization === 'string' ? { authorization } : {}),
        ...(typeof apiKey === 'string' ? { [PARTNER_KEY_HEADER]: apiKey } : {}),
      },
    },
  }) as IncomingMessage;
}

/**
 * When the session token of a verified `Authorization: Bearer` value expires (its `exp`, in ms), or undefined for
 * no token. Only read after the token verified, so the claim can be trusted.
 */
export function sessionExpiryOf(authorization: unknown): number | undefined {
  if (typeof authorization !== 'string') return undefined;
  const payload = authorization.replace(/^Bearer +/i, '').split('.')[1];
  if (!payload) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
