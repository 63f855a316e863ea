import type { IncomingMessage } from 'node:http';
import type { RequestInfo } from '@threadly/http-server';
import { elapsedMs, refusalOutcome } from '@threadly/logger';
import type { RequestLogger } from '../plugins/request-log-plugin.ts';
import type { RefusedRequest } from '../request-context.ts';
import { clientFields, principalLogId } from './request-log-fields.ts';

/**
 * The line of a request refused while its context was built (request-context.ts): credentials that do not verify
 * (401) or a principal over its rate limit (429). Apollo answers these without any request-scoped plugin hook, so
 * they are logged here, with the same fields as every other request's line (request-log-plugin.ts) — no operation:
 * the body is not read for a refused request.
 */
export function logRefusedRequest(logger: RequestLogger) {
  return ({ req, info, error, principal, receivedAt }: RefusedRequest): void => {
    const { status, errorCodes, level } = refusalOutcome(error);
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        requestId: info.requestId,
        ...clientFields((name) => req.headers[name]),
        userId: principalLogId(principal),
        status,
        durationMs: elapsedMs(receivedAt),
        errorCodes,
      },
      'graphql request refused',
    );
  };
}

/**
 * The line of a request the GraphQL route refused before Apollo or sign-in saw it (a body over the limit, not UTF-8
 * or not JSON): who sent it is not known yet, and there is no operation to name.
 */
export function logMalformedRequest(logger: RequestLogger) {
  return (req: IncomingMessage, info: RequestInfo, status: number): void => {
    if (!logger.isLevelEnabled('info')) return;
    logger.info({ requestId: info.requestId, ...clientFields((name) => req.headers[name]), userId: 'anonymous', status, errorCodes: ['BAD_REQUEST'] }, 'graphql request refused');
  };
}
