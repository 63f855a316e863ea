// CORS from configuration and Apollo's CSRF prevention, through a real gateway as a browser would meet them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../src/index.ts';
import { rawRequest, startStandaloneGateway } from './support/standalone-gateway.ts';

const LISTED = 'https://app.threadly.test';
const UNLISTED = 'https://evil.example';
const CORS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers'];

let gateway: GatewayServer;

beforeAll(async () => {
  gateway = await startStandaloneGateway({ corsOrigins: [LISTED] });
});
afterAll(() => gateway?.stop());

const preflight = (origin: string) =>
  rawRequest(gateway.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });

const post = (headers: Record<string, string>, body = JSON.stringify({ query: '{ __typename }' })) => rawRequest(gateway.url, { headers, body });

describe('CORS', () => {
  it('answers a listed origin’s preflight, allowing credentials', async () => {
    const { status, headers } = await preflight(LISTED);
    expect(status).toBe(204);
    expect(headers['access-control-allow-origin']).toBe(LISTED);
    expect(headers['access-control-allow-credentials']).toBe('true');
    expect(headers['access-control-allow-methods']).toBe('GET,POST');
    expect(headers['access-control-allow-headers']).toBe('content-type, authorization');
    expect(headers.vary).toMatch(/Origin/);
  });

  it('gives an unlisted origin no CORS headers at all', async () => {
    const answer = await preflight(UNLISTED);
    for (const name of CORS_HEADERS) expect(answer.headers[name], name).toBeUndefined();
    const response = await post({ origin: UNLISTED, 'content-type': 'application/json' });
    for (const name of CORS_HEADERS) expect(response.headers[name], name).toBeUndefined();
  });

  it('lets a listed origin read the response, Retry-After and x-request-id included', async () => {
    const { status, headers, json } = await post({ origin: LISTED, 'content-type': 'application/json' });
    expect(status).toBe(200);
    expect(json.data.__typename).toBe('Query');
    expect(headers['access-control-allow-origin']).toBe(LISTED);
    expect(headers['access-control-allow-credentials']).toBe('true');
    expect(headers['access-control-expose-headers']).toBe('retry-after,x-request-id');
  });
});

describe('CSRF prevention', () => {
  it('refuses a simple cross-site GET (no preflight-triggering header)', async () => {
    const { status, json } = await rawRequest(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET', headers: { origin: UNLISTED } });
    expect(status).toBe(400);
    expect(json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('refuses a simple cross-site POST (text/plain body)', async () => {
    const { status, json } = await post({ origin: UNLISTED, 'content-type': 'text/plain' });
    expect(status).toBe(400);
    expect(json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('serves a GET that carries a preflight-triggering header', async () => {
    const { status, json } = await rawRequest(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(status).toBe(200);
    expect(json.data.__typename).toBe('Query');
  });
});
