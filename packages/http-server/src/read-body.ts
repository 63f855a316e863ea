import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlErrorBody, sendJson } from './send-json.ts';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes.`);
  }
}

/** Buffers a request body, refusing more than `limit` bytes without reading the rest into memory. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * For route handlers: the body, or null after answering 413 (a GraphQL-shaped BAD_REQUEST) when it is over `limit`.
 * Any other read failure propagates to the server's handler for unexpected errors.
 */
export async function readBodyOrRefuse(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendJson(res, 413, graphqlErrorBody(error.message, 'BAD_REQUEST'));
    return null;
  }
}
