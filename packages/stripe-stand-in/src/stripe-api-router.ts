import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '@threadly/http-server';
import Stripe from 'stripe';
import { authenticate } from './authentication.ts';
import { decodeStripeForm, type FormParams } from './form-decoding.ts';
import { dropConnection, sendStripeJson, type StripeResponseHeaders } from './http-responses.ts';
import type { IdempotencyLayer, SavedResponse } from './idempotency.ts';
import { stripeId } from './ids.ts';
import type { InjectedFailures } from './injected-failures.ts';
import type { InjectedFailure, RecordedStripeRequest } from './stand-in-api.ts';
import { apiError, invalidRequest, StripeApiError } from './stripe-errors.ts';
import type { StripeRoute } from './stripe-route.ts';

const BODY_LIMIT = 1024 * 1024;

export interface StripeApiRouterOptions {
  routes: readonly StripeRoute[];
  apiKeys: readonly string[] | undefined;
  idempotency: IdempotencyLayer;
  failures: InjectedFailures;
  recordRequest(request: RecordedStripeRequest): void;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** Runs the endpoint's work; an error it raises is a response too, and is saved like one. */
function execute(work: () => unknown): SavedResponse {
  try {
    return { status: 200, body: work() };
  } catch (error) {
    if (error instanceof StripeApiError) return { status: error.status, body: error.body };
    throw error;
  }
}

/**
 * Serves `/v1/…` the way Stripe does: authenticate, decode the form body (or query), replay or reject by idempotency key,
 * validate, execute, answer JSON — with the injected failures of `failNextRequests` before or after the work.
 */
export function createStripeApiRouter({ routes, apiKeys, idempotency, failures, recordRequest }: StripeApiRouterOptions) {
  return async function serveStripeApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const headers: StripeResponseHeaders = {
      requestId: stripeId('req'),
      stripeVersion: header(req, 'stripe-version') ?? Stripe.API_VERSION,
      idempotencyKey: method === 'POST' ? header(req, 'idempotency-key') : null,
    };
    const route = routes.find((candidate) => candidate.method === method && candidate.path.test(url.pathname));
    if (!route) {
      const message = `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
      sendStripeJson(res, 404, invalidRequest(message, { status: 404 }).body, headers);
      return;
    }
    let params: FormParams = {};
    const record = (status: RecordedStripeRequest['status']) =>
      recordRequest({
        endpoint: route.endpoint,
        path: url.pathname,
        idempotencyKey: headers.idempotencyKey,
        stripeVersion: header(req, 'stripe-version'),
        params: structuredClone({ ...params }),
        status,
      });
    /** Acts out an injected failure: true when the connection was dropped (nothing more to send); throws the 500. */
    const suffer = (failure: InjectedFailure['failure'] | undefined): boolean => {
      if (failure === 'api_error') throw apiError();
      if (failure !== 'connection_drop') return false;
      record('connection_dropped');
      dropConnection(res);
      return true;
    };
    try {
      const apiKey = authenticate(req, apiKeys);
      const body = method === 'POST' ? (await readBody(req, BODY_LIMIT)).toString('utf8') : url.search.slice(1);
      params = decodeStripeForm(body);
      if (suffer(failures.take(route.endpoint, 'before'))) return;
      const key = headers.idempotencyKey;
      const replay = key ? idempotency.lookup(apiKey, key, url.pathname, params) : undefined;
      let response = replay;
      if (!response) {
        const work = route.prepare(params, route.path.exec(url.pathname)?.groups?.id, { requestId: headers.requestId, idempotencyKey: key });
        response = execute(work);
        if (key) idempotency.save(apiKey, key, url.pathname, params, response);
      }
      if (suffer(failures.take(route.endpoint, 'after'))) return;
      record(response.status);
      sendStripeJson(res, response.status, response.body, { ...headers, replayed: replay !== undefined });
    } catch (caught) {
      const error = caught instanceof BodyTooLargeError ? invalidRequest(`Request body is larger than ${BODY_LIMIT} bytes.`, { status: 413 }) : caught;
      if (!(error instanceof StripeApiError)) throw error;
      record(error.status);
      sendStripeJson(res, error.status, error.body, headers);
    }
  };
}
