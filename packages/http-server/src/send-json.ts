import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The GraphQL-over-HTTP shape for a request-level error, so clients parse every failure the same way. */
export const graphqlErrorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });
