import type { IncomingMessage } from 'node:http';
import { requestIdOf } from '@threadly/http-server';
import { subscriptionConnectionLog, type Logger, type SubscriptionConnectionLog } from '@threadly/logger';
import { GraphQLError } from 'graphql';
import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { GatewayContext } from '../gateway-context.ts';
import type { Authenticate } from '../request-context.ts';
import { principalLogId } from '../request-log/request-log-fields.ts';
import { CloseCode, closeReason } from './close-codes.ts';
import { requestWithCredentials, sessionExpiryOf } from './connection-credentials.ts';
import { ConnectionLimiter, principalKey } from './connection-limiter.ts';
import { watchSession } from './session-watch.ts';
import type { SubscriptionSettings } from './subscription-settings.ts';
import { createUpstreamConnections, type UpstreamConnections } from './upstream-connections.ts';

export type ConnectionContext = Context<Record<string, unknown> | undefined, Extra>;

/** What the gateway keeps for each acknowledged connection. */
export interface Connection {
  context: GatewayContext;
  upstream: UpstreamConnections;
  close(code: number, reason: string): void;
  /** Verifies a fresh session token sent on the open connection; the same user's moves the expiry. */
  refresh(authorization: string): Promise<void>;
  /** Its log lines: opened, each subscription's start and end, closed (@threadly/logger's subscriptionConnectionLog). */
  log: SubscriptionConnectionLog;
}

export interface ConnectionRegistryOptions {
  /** The HTTP request-context factory (authentication, then rate limit), applied to connection_init. */
  createContext: (req: IncomingMessage, info: { url: URL; requestId: string }) => Promise<GatewayContext>;
  /** Re-authenticates an open connection's credentials (no rate limit): deleted accounts, revoked keys. */
  authenticate: Authenticate;
  subgraphUrls: Record<string, string>;
  identitySecret: string;
  settings: SubscriptionSettings;
  logger: Logger;
}

/**
 * Connection lifecycle: authenticates connection_init with the same credentials and the same code as HTTP,
 * counts connections per principal, watches the session (expiry, deleted account) and releases everything
 * when the socket closes, however it closes.
 */
export function createConnectionRegistry(options: ConnectionRegistryOptions) {
  const { settings, logger } = options;
  const limiter = new ConnectionLimiter(settings.maxConnectionsPerUser);
  const open = new Map<ConnectionContext, Connection & { release(): Promise<void> }>();
  let accepting = true;

  /** A connection refused at connection_init gets one line, like a refused HTTP request (no user: none was established). */
  const logRefused = (requestId: string, closeCode: number, errorCode: unknown) =>
    logger.info({ requestId, userId: 'anonymous', closeCode, errorCodes: typeof errorCode === 'string' ? [errorCode] : undefined }, 'subscription connection refused');
  const refuse = (ctx: ConnectionContext, requestId: string, error: unknown) => {
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    const close = (closeCode: number, reason: string) => {
      logRefused(requestId, closeCode, code ?? 'INTERNAL_SERVER_ERROR');
      ctx.extra.socket.close(closeCode, reason);
    };
    if (code === 'UNAUTHENTICATED') return close(CloseCode.Unauthenticated, closeReason((error as GraphQLError).message));
    if (code === 'RATE_LIMITED') return close(CloseCode.TooManyConnections, closeReason((error as GraphQLError).message));
    if (code !== 'SUBGRAPH_UNAVAILABLE') logger.error({ err: error }, 'subscription connection could not be authenticated');
    close(CloseCode.TryAgainLater, 'Sign-in is temporarily unavailable. Try again in a moment.');
  };

  return {
    connections: open,
    /** connection_init: false when the connection was refused (the socket is already closing with the reason). */
    async connect(ctx: ConnectionContext): Promise<boolean> {
      if (!accepting) return ctx.extra.socket.close(CloseCode.GoingAway, 'The gateway is shutting down.'), false;
      const req = requestWithCredentials(ctx.extra.request, ctx.connectionParams);
      // The upgrade request's own id when it sent a sane one: a client can find its connection's lines, and the
      // subgraphs' (upstream-connections.ts forwards it).
      const requestId = requestIdOf(ctx.extra.request);
      let context: GatewayContext;
      try {
        context = await options.createContext(req, { url: new URL(req.url ?? '/', 'http://localhost'), requestId });
      } catch (error) {
        refuse(ctx, requestId, error);
        return false;
      }
      const key = principalKey(context.principal);
      if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
      if (!limiter.acquire(key)) {
        logRefused(requestId, CloseCode.TooManyConnections, 'RATE_LIMITED');
        ctx.extra.socket.close(CloseCode.TooManyConnections, `Too many connections: at most ${settings.maxConnectionsPerUser} at once per user.`);
        return false;
      }
      const upstream = createUpstreamConnections({
        subgraphUrls: options.subgraphUrls,
        viewer: context.viewer,
        identitySecret: options.identitySecret,
        requestId: context.requestId,
      });
      const close = (code: number, reason: string) => ctx.extra.socket.close(code, closeReason(reason));
      let credentials = req;
      const session = watchSession({
        expiresAtMs: sessionExpiryOf(ctx.connectionParams?.authorization),
        recheckMs: settings.accountCheckMs,
        recheck: context.principal.kind === 'anonymous' ? undefined : async () => void (await options.authenticate(credentials, req.socket.remoteAddress ?? '')),
        close: (message) => close(CloseCode.Unauthenticated, message),
        onRecheckFailure: (error) => logger.warn({ err: error }, 'could not re-check a subscription connection with identity; it stays open'),
      });
      let released: Promise<void> | undefined;
      open.set(ctx, {
        context,
        upstream,
        close,
        log: subscriptionConnectionLog(logger, { requestId, userId: principalLogId(context.principal) }),
        async refresh(authorization) {
          const refreshed = requestWithCredentials(ctx.extra.request, { authorization });
          try {
            const principal = await options.authenticate(refreshed, req.socket.remoteAddress ?? '');
            if (principalKey(principal) !== key) return close(CloseCode.Unauthenticated, 'A refreshed session token must be for the same user.');
          } catch (error) {
            if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') return close(CloseCode.Unauthenticated, error.message);
            return logger.warn({ err: error }, 'could not verify a refreshed session token; the connection keeps the current one');
          }
          credentials = refreshed;
          session.extend(sessionExpiryOf(authorization));
        },
        release: () => {
          released ??= (async () => {
            session.stop();
            limiter.release(key);
            await upstream.close();
          })();
          return released;
        },
      });
      return true;
    },
    /**
     * A `ping` whose payload carries `authorization`: a fresh session token for the same user, which moves the
     * connection's expiry, so a client can keep one connection open across Clerk's short-lived tokens.
     */
    async refresh(ctx: ConnectionContext, payload: unknown) {
      const authorization = (payload as { authorization?: unknown } | undefined)?.authorization;
      if (typeof authorization === 'string') await open.get(ctx)?.refresh(authorization);
    },
    /** The socket closed (with `code`, when known), however it closed. */
    async disconnect(ctx: ConnectionContext, code?: number) {
      const connection = open.get(ctx);
      open.delete(ctx);
      connection?.log.closed(code);
      await connection?.release();
    },
    /** Refuses new connections from now on (shutdown). */
    stopAccepting() {
      accepting = false;
    },
  };
}

export type ConnectionRegistry = ReturnType<typeof createConnectionRegistry>;
