// Development-only routes of the web app's Vite dev server. They stand in for the two things a browser gets from
// third parties in production: a Clerk session (Clerk's sign-in UI) and a card payment (Stripe.js). They exist
// only while `vite` serves the app (`apply: 'serve'`; a production build contains no server at all), refuse to
// start when NODE_ENV=production, and answer only loopback origins. Tokens are signed with the committed
// development key, which a production gateway refuses by configuration, so nothing minted here works there.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { signDevelopmentSessionToken } from '../../../gateway/src/auth/dev-token.ts';
import { findDemoUser } from '../../../gateway/src/auth/development-users.ts';
import { loadDevelopmentServerEnv } from './development-env.ts';

export const DEVELOPMENT_ROUTE_PREFIX = '/__dev/';
const TOKEN_TTL_SECONDS = 3600;
const MAX_BODY_BYTES = 4096;
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/;

export interface DevelopmentRoutesOptions {
  /** Where the Stripe stand-in's test controls are; defaults to STRIPE_STAND_IN_URL. */
  stripeStandInUrl?: string;
}

class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RouteError(413, 'Request body too large.');
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new RouteError(400, 'Expected a JSON object.');
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
};

/** The page's origin: the token's `azp`, which the gateway checks against CLERK_AUTHORIZED_PARTIES. */
function loopbackOrigin(req: IncomingMessage): string {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !LOOPBACK_ORIGIN.test(origin)) {
    throw new RouteError(403, 'Development sign-in answers pages served from this machine only (localhost or 127.0.0.1).');
  }
  return origin;
}

/** POST /__dev/session-token { account } → a one-hour development session token for a demo user. */
function mintSessionToken(req: IncomingMessage, body: Record<string, unknown>) {
  const origin = loopbackOrigin(req);
  const account = typeof body.account === 'string' ? body.account : '';
  const user = account ? findDemoUser(account) : undefined;
  if (!user || user.deleted) throw new RouteError(404, `No demo account ${JSON.stringify(account)}; use buyer@demo.threadly.dev, seller@… or admin@….`);
  const token = signDevelopmentSessionToken(user, { ttlSeconds: TOKEN_TTL_SECONDS, azp: origin });
  return { token, expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString(), userId: user.id, email: user.email };
}

/** POST /__dev/payments/:id/confirm { outcome } → the stand-in's customer-pays control, as Stripe.js would confirm. */
async function confirmTestPayment(req: IncomingMessage, paymentIntentId: string, body: Record<string, unknown>, standInUrl: string) {
  loopbackOrigin(req);
  const outcome = body.outcome === 'failed' ? 'failed' : 'succeeded';
  const url = new URL(`/_test/payment_intents/${encodeURIComponent(paymentIntentId)}/confirm`, standInUrl);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome }) });
  } catch {
    throw new RouteError(502, `The Stripe stand-in at ${standInUrl} is not answering; is \`npm start\` running (or STRIPE_STAND_IN_URL set)?`);
  }
  const answer = (await response.json().catch(() => ({}))) as { status?: string; error?: { message?: string } };
  if (!response.ok) throw new RouteError(response.status === 404 ? 404 : 400, answer.error?.message ?? `The stand-in answered ${response.status}.`);
  return { status: answer.status };
}

export function developmentRoutes(options: DevelopmentRoutesOptions = {}): Plugin {
  return {
    name: 'threadly:development-routes',
    apply: 'serve',
    configureServer(server) {
      const env = loadDevelopmentServerEnv();
      if (env.NODE_ENV === 'production') throw new Error('The web app development routes refuse to run with NODE_ENV=production.');
      const standInUrl = options.stripeStandInUrl ?? env.STRIPE_STAND_IN_URL;
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(DEVELOPMENT_ROUTE_PREFIX)) return next();
        try {
          if (req.method !== 'POST') throw new RouteError(405, 'Use POST.');
          const body = await readJson(req);
          if (path === '/__dev/session-token') return send(res, 200, mintSessionToken(req, body));
          const payment = /^\/__dev\/payments\/(pi_[A-Za-z0-9_]+)\/confirm$/.exec(path);
          if (payment?.[1]) return send(res, 200, await confirmTestPayment(req, payment[1], body, standInUrl));
          throw new RouteError(404, `No development route ${path}.`);
        } catch (error) {
          if (error instanceof RouteError) return send(res, error.status, { error: error.message });
          server.config.logger.error(`[development-routes] ${(error as Error).stack ?? String(error)}`);
          return send(res, 500, { error: 'The development route failed; see the dev server output.' });
        }
      });
    },
  };
}
