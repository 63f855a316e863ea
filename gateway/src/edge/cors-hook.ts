import type { IncomingMessage, ServerResponse } from 'node:http';
import cors, { type CorsOptions } from 'cors';
import type { RequestHook } from '@threadly/http-server';

/** Browsers may read these on a cross-origin response (Retry-After tells a rate-limited client when to come back). */
const EXPOSED_HEADERS = ['retry-after', 'x-request-id'];

/**
 * CORS for the listed origins only: a listed origin gets its preflight answered and credentials allowed; any other
 * origin gets no CORS headers at all, so the browser keeps the response from the page. (This is not the CSRF
 * defence — Apollo's csrfPrevention refuses simple requests that would skip a preflight.)
 */
export function corsHook(allowedOrigins: readonly string[]): RequestHook {
  const allowed = new Set(allowedOrigins);
  const listedOrigin: CorsOptions = { origin: true, credentials: true, methods: ['GET', 'POST'], exposedHeaders: EXPOSED_HEADERS, maxAge: 600 };
  const middleware = cors<IncomingMessage>((req, callback) => {
    const origin = req.headers.origin;
    callback(null, origin !== undefined && allowed.has(origin) ? listedOrigin : { origin: false });
  });
  return (req, res) =>
    new Promise((resolve, reject) => {
      // The answer depends on Origin, for listed and unlisted origins alike: shared caches must not mix them up.
      res.setHeader('vary', 'Origin');
      middleware(req, res as ServerResponse & { statusCode: number }, (error?: unknown) => (error ? reject(error) : resolve(false)));
      // A preflight is answered (204) without calling next.
      if (res.writableEnded) resolve(true);
    });
}

/** `CORS_ORIGINS` unset: the Vite dev server and the gateway's own page in development, no one in production. */
export const DEVELOPMENT_CORS_ORIGINS = ['http://localhost:5173', 'http://localhost:4000'];
